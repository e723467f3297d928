import Foundation
import ShuhuiCore
import Testing

@Suite struct OpenDataPolicyTests {
    @Test func gradesAndAttributesDecideAccess() {
        #expect(OpenPolicy.access(open: .open, grade: .l1, status: .active) == .open)
        #expect(OpenPolicy.access(open: .restricted, grade: .l2, status: .active) == .restricted)
        #expect(OpenPolicy.access(open: .restricted, grade: .l3, status: .active) == .restricted)
        #expect(OpenPolicy.access(open: .restricted, grade: .l4, status: .active) == nil)
        #expect(OpenPolicy.access(open: .open, grade: .l2, status: .active) == nil)
        #expect(OpenPolicy.access(open: .notOpen, grade: .l1, status: .active) == nil)
        #expect(OpenPolicy.access(open: .open, grade: .l1, status: .retired) == nil)
    }

    @Test func fieldsAndMasks() {
        let draft = ResourceDraft(name: "t", categoryCode: "101001", providerID: 1, sharing: .conditional, open: .restricted, grade: .l3, fields: [
            Field(name: "姓名", code: "xm", type: .string, sensitivity: .l2), Field(name: "公民身份号码", code: "gmsfhm", type: .string, sensitivity: .l3),
            Field(name: "地区", code: "dq", type: .string), Field(name: "密钥", code: "my", type: .string, sensitivity: .l4),
        ])
        #expect(OpenPolicy.exposedFields(draft, access: .open).map(\.code) == ["dq"])
        let restricted = OpenPolicy.exposedFields(draft, access: .restricted)
        #expect(restricted.map(\.code) == ["xm", "gmsfhm", "dq"])
        let masks = OpenPolicy.masks(draft, fields: restricted, access: .restricted)
        #expect(masks == ["xm": .name, "gmsfhm": .residentID, "dq": MaskKind.none])
    }

    @Test func searchQuerySyntax() throws {
        let doc = SearchDocument(fields: ["tags": .keywords(["交通", "地图"]), "organization": .keywords(["org-a"]), "title": .text("公共自行车站点"),
                                         "metadata_modified": .date(ISODates.parse("2026-05-01T00:00:00Z")!)], text: "公共自行车站点 交通")
        func m(_ q: String) throws -> Bool { try SearchQuery.parse(q).matches(doc) }
        #expect(try m("") && m("*:*") && m("自行车") && m("tags:交通") && m("-tags:教育"))
        #expect(try !m("tags:教育") && !m("-organization:org-a"))
        #expect(try m("tags:教育 OR organization:org-a") && m("(tags:教育 OR tags:地图) AND title:站点"))
        #expect(try m("tags:(教育 OR 地图)") && m("organization:org-*") && m("title:\"自行车站\""))
        #expect(try m("metadata_modified:[2026-01-01T00:00:00Z TO *]") && !m("metadata_modified:{2026-05-01T00:00:00Z TO *]"))
        #expect(throws: SearchQueryError.self) { try m("nosuch:x") }
        #expect(throws: SearchQueryError.self) { try SearchQuery.parse("tags:(a OR b") }
        #expect(throws: SearchQueryError.self) { try SearchQuery.parse("metadata_modified:[x TO]") }
    }
}
