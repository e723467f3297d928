import ShuhuiCore
import Testing

@Suite struct CatalogModelTests {
    func draft() -> ResourceDraft {
        ResourceDraft(
            name: "常住人口基本信息", categoryCode: "101001", providerID: 1, sharing: .conditional, sharingCondition: "政务服务使用",
            sharingModes: [.api, .query], open: .notOpen, grade: .l3,
            fields: [Field(name: "公民身份号码", code: "gmsfhm", type: .string, length: 18, required: true, primaryKey: true, sensitivity: .l3),
                     Field(name: "姓名", code: "xm", type: .string, length: 50, required: true, sensitivity: .l2, sharing: .unconditional),
                     Field(name: "宗教信仰", code: "zjxy", type: .string, sensitivity: .l3, sharing: .notShared)])
    }

    @Test func aGoodDraftHasNoIssues() {
        #expect(draft().issues().isEmpty)
    }

    @Test func issuesNameTheirFields() {
        var d = draft()
        d.categoryCode = "901"
        d.sharingCondition = ""
        d.open = .open
        d.publishedOn = "2018-02-30"
        d.fields[1].code = "Xm"
        d.fields[2].code = "gmsfhm"
        d.fields[0].sensitivity = .l4
        let fields = Set(d.issues().compactMap(\.field))
        #expect(fields == ["categoryCode", "sharingCondition", "open", "publishedOn", "fields[1].code", "fields[2].code", "grade"])
        for issue in d.issues() { #expect(!issue.message.zh.isEmpty && !issue.message.en.isEmpty) }
    }

    @Test func gradesLimitOpening() {
        #expect(SecurityGrade.l1.allows(.open))
        #expect(!SecurityGrade.l2.allows(.open) && SecurityGrade.l2.allows(.restricted))
        #expect(!SecurityGrade.l4.allows(.restricted) && SecurityGrade.l4.allows(.notOpen))
    }

    @Test func fieldSharingIsNeverLooserThanTheResource() {
        let d = draft()
        #expect(d.effectiveSharing(of: d.fields[1]) == .conditional)
        #expect(d.effectiveSharing(of: d.fields[2]) == .notShared)
        let stats = CatalogStatistics(drafts: [d], names: [1: "市公安局"])
        #expect(stats.fields == 3 && stats.shareableFields == 2 && stats.byUnit.first?.organizationName == "市公安局")
    }

    @Test func resourceCodes() {
        #expect(ResourceCode.make(category: "101001", sequence: 3) == "101001-00003")
        #expect(ResourceCode.normalize("101001/00003") == "101001-00003")
        #expect(ResourceCode.parse("401001-00001") == nil)
        #expect(ResourceCode.parse("101001-3") == nil)
        #expect(ResourceCode.isValidCategory("3120011"))
    }

    @Test func labelsDepartmentsUseAreUnderstood() {
        #expect(SharingAttribute(label: "受限共享") == .conditional)
        #expect(OpenAttribute(label: "禁止开放") == .notOpen)
        #expect(SecurityGrade(label: "3级") == .l3)
        #expect(FieldType(label: "日期型") == .date)
        #expect(Language.negotiate("en-GB,zh;q=0.5") == .en)
        #expect(Language.negotiate(nil) == .zh)
    }

    @Test func diffNamesWhatChanged() {
        let a = draft()
        var b = a
        b.grade = .l4
        b.fields.remove(at: 2)
        b.fields[0].length = 20
        b.fields.append(Field(name: "出生日期", code: "csrq", type: .date))
        let paths = CatalogDiff.between(a, b).map { "\($0.kind.rawValue) \($0.path)" }
        #expect(Set(paths) == ["changed grade", "removed fields.zjxy", "changed fields.gmsfhm.length", "added fields.csrq"])
        #expect(CatalogDiff.between(a, a).isEmpty)
    }
}
