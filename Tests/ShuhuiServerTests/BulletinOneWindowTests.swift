import Foundation
import ShuhuiCore
import ShuhuiStore
import Testing

/// Section 三 and 附件 6 of the bulletin come from the one-window records, and disappear when
/// there are none.
@Suite struct BulletinOneWindowTests {
    static func thisWeek() throws -> ReportPeriod {
        var day = CalendarDate.today()
        while day.weekday != 5 { day = day.adding(days: 1) }
        return try #require(ReportPeriod.week(ending: day))
    }

    @Test func sectionThreeAndAttachmentSixFollowTheOneWindowRecords() async throws {
        let store = try await Store.temporary()
        _ = try await DemoCity.load(into: store, activity: false, others: true)
        let period = try Self.thisWeek()
        let summary = try await store.oneWindowSummary(asOf: period.end)
        let top = try await store.topMatterJoinReport(asOf: period.end)
        let systems = try await store.systemJoinReport(asOf: period.end)
        #expect(top.total.planned > 0 && systems.total.planned > 0, "the demo has one-window records")

        let doc = try await store.previewBulletin(period, language: .zh).document
        let section = try #require(doc.sections.first { $0.heading.hasPrefix("三、") })
        #expect(section.heading.contains("一窗受理"))
        let text = section.blocks.map(\.text).joined(separator: "\n")
        #expect(text.contains("累计接收办件 \(summary.cases.received) 件，其中 \(summary.cases.accepted) 件已受理，\(summary.cases.completed) 件已办结"))
        #expect(text.contains("本次需接入事项总数 \(top.total.planned) 项，其中已接入事项数 \(top.total.joined) 项，待接入事项数 \(top.total.planned - top.total.joined) 项，完成率 \(top.total.rate.formatted())"))
        #expect(text.contains("全市系统数共计 \(systems.total.planned) 套，目前已接入系统数 \(systems.total.joined) 套，完成率 \(systems.total.rate.formatted())"))
        #expect(doc.sections.last?.heading.hasPrefix("四、") == true, "存在问题 moves to 四")

        let six = try #require(doc.attachments.last)
        #expect(doc.attachments.count == 6 && six.number == 6)
        #expect(six.header == ["序号", "部门", "确认事项总数", "已接入数", "接入占比"])
        #expect(six.rows.dropLast().map { $0[1] } == top.rows.map(\.name))
        #expect(six.rows.last == ["总计", "", String(top.total.planned), String(top.total.joined), top.total.rate.formatted()])
        let en = try await store.previewBulletin(period, language: .en).document
        #expect(en.sections.contains { $0.blocks.contains { $0.text.contains("one-window platform had received \(summary.cases.received) cases") } })
        await store.close()
    }

    @Test func withoutOneWindowRecordsThereIsNoSectionThree() async throws {
        let store = try await Store.temporary()
        _ = try await DemoCity.load(into: store, activity: false, others: false)
        let doc = try await store.previewBulletin(try Self.thisWeek(), language: .zh).document
        #expect(doc.sections.map(\.heading).allSatisfy { !$0.contains("一窗受理") })
        #expect(doc.sections.count == 3 && doc.attachments.count == 5)
        await store.close()
    }
}
