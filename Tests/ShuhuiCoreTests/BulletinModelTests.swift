import Foundation
import ShuhuiCore
import Testing

private func day(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

/// An instant given in Beijing time.
private func beijing(_ s: String) -> Date {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "Asia/Shanghai")
    f.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return f.date(from: s)!
}

@Suite struct BulletinPeriodTests {
    @Test func theSeedWeekRunsSaturdayThroughFriday() throws {
        let week = try #require(ReportPeriod.week(ending: day("2018-05-18")))
        #expect(week.start == day("2018-05-12") && week.end == day("2018-05-18"))
        #expect(week.dayCount == 7 && week.days.first == day("2018-05-12") && week.days.last == day("2018-05-18"))
        #expect(ReportPeriod.week(ending: day("2018-05-17")) == nil)
        #expect(ReportPeriod.week(ending: day("2018-05-19")) == nil)
        #expect(week.previous.end == day("2018-05-11"))
        for d in ["2018-05-12", "2018-05-15", "2018-05-18"] { #expect(ReportPeriod.week(containing: day(d)) == week) }
        #expect(ReportPeriod.week(containing: day("2018-05-19")).end == day("2018-05-25"))
        #expect(ReportPeriod.week(containing: day("2018-05-11")).end == day("2018-05-11"))
    }

    @Test func fridayMidnightIsTheEdgeInBeijingTime() throws {
        let week = try #require(ReportPeriod.week(ending: day("2018-05-18")))
        #expect(week.contains(instant: beijing("2018-05-18 23:59:59")))
        #expect(!week.contains(instant: beijing("2018-05-19 00:00:00")))
        #expect(week.contains(instant: beijing("2018-05-12 00:00:00")))
        #expect(!week.contains(instant: beijing("2018-05-11 23:59:59")))
        // 23:59:59 Friday in Beijing is 15:59:59 UTC the same day; 00:00 Saturday is 16:00 UTC Friday.
        #expect(CalendarDate(beijing: Date(timeIntervalSince1970: 1_526_659_199)) == day("2018-05-18"))
        #expect(CalendarDate(beijing: Date(timeIntervalSince1970: 1_526_659_200)) == day("2018-05-19"))
    }

    @Test func monthsEndOnTheirLastDay() throws {
        let may = ReportPeriod.month(containing: day("2018-05-18"))
        #expect(may.start == day("2018-05-01") && may.end == day("2018-05-31") && may.dayCount == 31)
        #expect(ReportPeriod.ending(day("2018-05-31"), kind: .monthly) == may)
        #expect(ReportPeriod.ending(day("2018-05-30"), kind: .monthly) == nil)
        #expect(ReportPeriod.month(containing: day("2016-02-10")).dayCount == 29)
        #expect(may.previous.end == day("2018-04-30"))
    }
}

@Suite struct BulletinNumberTests {
    @Test func formatsAsTheSeedPrintsThem() {
        #expect(BulletinNumber.grouped(4133) == "4,133")
        #expect(BulletinNumber.grouped(456_983) == "456,983")
        #expect(BulletinNumber.grouped(999) == "999")
        #expect(BulletinNumber.grouped(1_000_000) == "1,000,000")
        #expect(BulletinNumber.wan(134_631_000) == "13463.1")
        #expect(BulletinNumber.wan(490_000) == "49.0")
        #expect(BulletinNumber.wan(1_574_499) == "157.4" && BulletinNumber.wan(1_574_500) == "157.5")
        #expect(BulletinNumber.yi(37_503_678_000) == "375.04")
        #expect(BulletinNumber.yi(87_000_000) == "0.87")
        #expect(BulletinNumber.wanWhole(36_233_000) == "3623")
        #expect(BulletinNumber.percent(79, of: 107) == "73.83%")
        #expect(BulletinNumber.percent(0, of: 0) == "0.00%")
        #expect(BulletinNumber.storage(50_907_017_000_000) == "46.3TB")
        #expect(BulletinNumber.average(15_200, over: 7) == 2171)
    }
}

@Suite struct RankedTableTests {
    static func unit(_ id: Int64, _ name: String, _ cumulative: Int64, _ weekly: Int64, tables: Int64 = 1, fields: Int64 = 10) -> CounterRow {
        CounterRow(unitID: id, unitName: name, counts: [tables, fields], cumulative: cumulative, weekly: weekly)
    }

    @Test func ranksByWeeklyThenFoldsTheRestAndTotalsAll() {
        var rows: [CounterRow] = []
        for i in 1...13 {
            let n = Int64(i)
            rows.append(Self.unit(n, "单位\(i)", 100 * n, n % 7, tables: n, fields: 10 * n))
        }
        rows.append(Self.unit(99, "空", 0, 0))
        let r = RankedTable(rows, top: 10)
        // weekly = i % 7: 6 (i=6, 13), 5 (5, 12), 4 (4, 11), 3 (3, 10), 2 (2, 9), 1 (1, 8), 0 (7); ties by cumulative.
        #expect(r.top.map(\.unitID) == [13, 6, 12, 5, 11, 4, 10, 3, 9, 2])
        #expect(r.folded.map(\.unitID) == [8, 1, 7])
        #expect(r.others?.weekly == 1 + 1 + 0 && r.others?.cumulative == 800 + 100 + 700 && r.others?.counts == [16, 160])
        #expect(r.total.cumulative == 9_100)
        #expect(r.total.counts == [91, 910])
        #expect(r.unitCount == 13 && r.rowCount == 13 && r.foldedUnitCount == 3)
    }

    @Test func composerPrintsTheSeedLayout() throws {
        var f = BulletinFigures(period: try #require(ReportPeriod.week(ending: day("2018-05-18"))))
        f.collection = [Self.unit(1, "市公安局", 134_631_000, 1_574_000, tables: 37, fields: 463),
                        Self.unit(2, "市交通运输局", 3_788_000, 1_448_000, tables: 50, fields: 860),
                        Self.unit(3, "市气象局", 1_000_000, 20_000, tables: 5, fields: 50),
                        Self.unit(4, "市档案局", 500_000, 15_000, tables: 3, fields: 30)]
        f.storedBytes = 50_907_017_000_000
        f.calls = [CounterRow(unitID: 1, unitName: "市发改委", systemID: 7, systemName: "市发改委系统", cumulative: 5_826_000, weekly: 1_036_000),
                   CounterRow(unitID: 2, unitName: "市民卡公司", systemID: 8, systemName: "惠民征信系统", cumulative: 13_896_000, weekly: 724_000),
                   CounterRow(unitID: 2, unitName: "市民卡公司", systemID: 9, systemName: "卡务系统", cumulative: 1_000, weekly: 10),
                   CounterRow(unitID: 3, unitName: "市教育局", systemID: 10, systemName: "教育局系统", cumulative: 723_000, weekly: 0)]
        f.unused = [UnusedRow(unitName: "市园文局", count: 1), UnusedRow(unitName: "桐庐县", count: 12), UnusedRow(unitName: "市民卡公司", count: 11)]
        let settings = BulletinSettings(heading: "H", bureau: "杭州市数据资源管理局", signature: "市数据资源局", reportTo: "R", copyTo: "C", topUnits: 2)
        let d = BulletinComposer.compose(f, work: "第一段\n\n第二段", oneWindow: nil, settings: settings, language: .zh)
        #expect(d.dateLine == "2018年5月18日" && d.title == "每周通报")
        #expect(d.sections.map(\.heading) == ["一、面上工作", "二、数据归集和共享情况", "三、存在问题"])
        #expect(d.sections[0].blocks.map(\.text) == ["第一段", "第二段"])
        let a1 = d.attachments[0]
        #expect(a1.header == ["序号", "部门名", "资源表", "字段项", "累计归集量 (万条)", "本周归集量 (万条)"])
        #expect(a1.rows == [["1", "市公安局", "37", "463", "13463.1", "157.4"],
                            ["2", "市交通运输局", "50", "860", "378.8", "144.8"],
                            ["3", "市气象局等其他部门", "8", "80", "150.0", "3.5"],
                            ["合计", "4 部门", "95", "1403", "13991.9", "305.7"]])
        let a3 = d.attachments[2]
        #expect(a3.rows == [["1", "市发改委", "市发改委系统", "582.6", "103.6"],
                            ["2", "市民卡公司", "惠民征信系统", "1389.6", "72.4"],
                            ["3", "其他 2 个部门", "其他 2 个系统", "72.4", "0.0"],
                            ["汇总", "3 个部门", "4 个系统", "2044.6", "176.0"]])
        let a4 = d.attachments[3]
        #expect(a4.rows == [["1", "桐庐县", "12"], ["2", "市民卡公司", "11"], ["3", "市园文局", "1"], ["合计", "3 市级部门、区县", "24"]])
        #expect(a4.note == "注：接口申请需求权限开通后超过14天未调用的将会统计到列表中。")
        let figures = d.sections[1].blocks.map(\.text)
        #expect(figures.contains("截止5月18日，归集4个部门、95张表、1,403个字段，累计总归集量1.40亿条，存储容量46.3TB（不含非结构化数据）。"))
        #expect(figures.contains("本周归集总量 0.03 亿条，涉及省市 4 个部门，日均归集量约 0.00 亿。详情见附件 1。"))
        #expect(d.sections[2].blocks.first?.text == "桐庐县等 3 个部门（区县）申请 24 个接口需求开通权限后未调用（详见附件 4）。")
        // English is the same figures in the second language.
        let en = BulletinComposer.compose(f, work: "", oneWindow: nil, settings: settings, language: .en)
        #expect(en.attachments[0].rows.last == ["Total", "4 units", "95", "1403", "13991.9", "305.7"])
        #expect(en.sections.map(\.heading).first == "1. General work")
    }

    @Test func oneWindowHookAddsSectionThreeAndAttachmentSix() throws {
        let f = BulletinFigures(period: try #require(ReportPeriod.week(ending: day("2018-05-18"))))
        let ow = OneWindowSection(blocks: [BulletinBlock(.paragraph, "一窗")], attachment: AttachmentTable(number: 0, title: "TOP100", header: ["序号"], rows: []))
        let d = BulletinComposer.compose(f, work: "", oneWindow: ow, settings: .defaults(.zh), language: .zh)
        #expect(d.sections.map(\.heading) == ["一、面上工作", "二、数据归集和共享情况", "三、“一窗受理”平台应用情况", "四、存在问题"])
        #expect(d.attachments.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(d.sections[3].blocks.first?.text == "本期无开通权限后未调用的接口。")
    }

    @Test func workflowAllowsOnlyItsSteps() throws {
        #expect(try BulletinWorkflow.apply(.checked, to: .draft) == .checked)
        #expect(try BulletinWorkflow.apply(.issued, to: .checked) == .issued)
        #expect(try BulletinWorkflow.apply(.edited, to: .checked) == .draft)
        #expect(throws: BulletinTransitionError.self) { try BulletinWorkflow.apply(.issued, to: .draft) }
        for a in BulletinAction.allCases { #expect(throws: BulletinTransitionError.self) { try BulletinWorkflow.apply(a, to: .issued) } }
        let officer = Principal(userID: 2, username: "police", displayName: "p", role: .officer, organizationID: 3)
        let admin = Principal(userID: 1, username: "admin", displayName: "a", role: .admin, organizationID: nil)
        #expect(throws: AccessDenial.self) { try AccessPolicy.canManageBulletins(officer) }
        #expect(throws: Never.self) { try AccessPolicy.canManageBulletins(admin) }
    }
}
