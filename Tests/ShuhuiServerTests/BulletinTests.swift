import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

/// The gateway's clock, moved by the tests to place calls at the week's edges.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var fixed: Date?
    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return fixed ?? Date()
    }
    func set(_ date: Date?) {
        lock.lock()
        fixed = date
        lock.unlock()
    }
}

/// The demo city without its generated activity, so every figure the bulletin prints comes
/// from what the test does through the public interfaces.
struct BulletinCity {
    let city: TestCity
    let clock: MovableClock

    static func run(_ body: @Sendable (TestCity, MovableClock, any TestClientProtocol) async throws -> Void) async throws {
        let store = try await Store.temporary()
        _ = try await DemoCity.load(into: store, activity: false, others: false)
        let clock = MovableClock()
        let city = TestCity(store: store, app: Application(router: ShuhuiApp.router(store: store, clock: { clock.now })))
        do {
            try await city.app.test(.router) { client in try await body(city, clock, client) }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}

/// An instant in Beijing time.
func beijing(_ day: CalendarDate, _ h: Int, _ m: Int, _ s: Int) -> Date {
    Date(timeIntervalSince1970: Double(day.dayNumber * 86_400 - 8 * 3600 + h * 3600 + m * 60 + s))
}

func get(_ client: any TestClientProtocol, _ uri: String, _ token: String) async throws -> TestResponse {
    try await client.execute(uri: uri, method: .get, headers: .bearer(token, json: false))
}

/// Creates a one-field resource (编号) for `unit` and stores `rows` rows in it through the
/// ingest API; returns the resource code.
@discardableResult
func collect(_ city: TestCity, _ client: any TestClientProtocol, admin: String, unit: String, rows: Int, name: String) async throws -> String {
    let org = try await city.organization(unit)
    let draft = ResourceDraft(name: name, categoryCode: "301001", providerID: org.id, sharing: .unconditional, sharingModes: [.api],
                              open: .notOpen, grade: .l1, fields: [Field(name: "编号", code: "bh", type: .string, required: true, primaryKey: true),
                                                                 Field(name: "名称", code: "mc", type: .string)])
    let created = try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(admin), body: try body(draft))
    #expect(created.status == .created, "\(String(buffer: created.body))")
    let code = try #require(try json(created.body)["code"] as? String)
    let csv = "bh,mc\n" + (0..<rows).map { "\(name)-\($0),n\($0)" }.joined(separator: "\n") + "\n"
    let r = try await client.execute(uri: "/api/v1/resources/\(code)/batches", method: .post,
                                     headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"], body: ByteBuffer(string: csv))
    #expect(try json(r.body)["rowsStored"] as? Int == rows, "\(String(buffer: r.body))")
    return code
}

/// Grants hrss's system `systemID` the population fields through the two approval steps, and
/// returns a signed gateway client for it.
func grantAndKey(_ c: SharingCast, _ client: any TestClientProtocol, systemID: Int64) async throws -> GatewayClient {
    let request = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss),
                                                    body: try c.requestBody(system: systemID)).body)
    let decision = "/api/v1/sharing/requests/\(request["id"] as? Int ?? 0)/decision"
    _ = try await post(client, decision, c.policeApprover, ["decision": "approve"])
    _ = try await post(client, decision, c.bureau, ["decision": "approve", "ratePerMinute": 600])
    let issued = try json(try await post(client, "/api/v1/systems/\(systemID)/credentials", c.hrss).body)
    return GatewayClient(client: client, key: try #require((issued["credential"] as? [String: Any])?["appKey"] as? String),
                         secret: try #require(issued["secret"] as? String))
}

@Suite struct BulletinFigureTests {
    /// Known activity through ingest, sharing requests and gateway calls; then every figure of
    /// every attachment, the ranking, the 其他 rows and the totals, weekly and cumulative, with
    /// opening balances and both week edges.
    @Test func everyFigureOfEveryAttachmentComesFromTheActivity() async throws {
        try await BulletinCity.run { city, clock, client in
            let week = ReportPeriod.week(containing: .today())
            let admin = try await city.token("admin")

            // Collection: 市公安局 3 rows (the scene), 市人力社保局 5, 市民政局 2, 市教育局 1.
            let scene = try await GatewayScene.make(city, client)
            let c = scene.cast
            try await collect(city, client, admin: admin, unit: "市人力社保局", rows: 5, name: "社保测试")
            try await collect(city, client, admin: admin, unit: "市民政局", rows: 2, name: "民政测试")
            try await collect(city, client, admin: admin, unit: "市教育局", rows: 1, name: "教育测试")
            let policeFields = Int64(c.population.draft.fields.count)

            // Opening balances: 市人力社保局 12,345,678 rows as of the day before the week (all
            // its activity comes after); 市公安局 1,000,000 as of today (today's rows are taken as
            // included); calls of hrss's first system 2,000,000 as of the week's first day.
            let hrssSystems = try await city.store.systems(organizationID: (try await city.organization("市人力社保局")).id)
            let today = CalendarDate.today().description
            let balances = """
                单位,系统,指标,截至日期,数值,备注
                市人力社保局,,collectedRows,\(week.start.adding(days: -1)),12345678,审计报告 2018-1
                市公安局,,累计归集量,\(today),"1,000,000",
                市人力社保局,\(hrssSystems[0].code),calls,\(week.start),2000000,
                """
            let imported = try await client.execute(uri: "/api/v1/statistics/balances", method: .post,
                                                    headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"], body: ByteBuffer(string: balances))
            #expect(imported.status == .ok, "\(String(buffer: imported.body))")
            #expect(try json(imported.body)["imported"] as? Int == 3)
            let listed = try json(try await get(client, "/api/v1/statistics/balances", admin).body)["items"] as? [[String: Any]] ?? []
            #expect(listed.count == 3 && listed.allSatisfy { ($0["setBy"] as? String)?.isEmpty == false })

            // Calls: system 1 (scene grant) 4 calls now + one at each edge of the week; system 2 (second grant) 2 calls.
            let second = try await grantAndKey(c, client, systemID: hrssSystems[1].id)
            for _ in 0..<4 { _ = try await scene.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")]) }
            for _ in 0..<2 { _ = try await second.call("population-by-id", [("gmsfhm", "110102199101010078")]) }
            let lastFridayEnd = beijing(week.start.adding(days: -1), 23, 59, 59), saturdayStart = beijing(week.start, 0, 0, 0)
            for at in [lastFridayEnd, saturdayStart] {
                clock.set(at)
                _ = try await scene.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")], at: at)
            }
            clock.set(nil)

            let f = try await city.store.bulletinFigures(week)
            func row(_ rows: [CounterRow], _ unit: String, system: String? = nil) -> CounterRow? {
                rows.first { $0.unitName == unit && (system == nil || $0.systemName == system) }
            }
            // 附件 1, figures.
            #expect(f.collection.count == 4)
            #expect(row(f.collection, "市人力社保局") == CounterRow(unitID: row(f.collection, "市人力社保局")?.unitID ?? 0, unitName: "市人力社保局",
                                                               counts: [1, 2], cumulative: 12_345_683, weekly: 5))
            #expect(row(f.collection, "市公安局")?.counts == [1, policeFields])
            #expect(row(f.collection, "市公安局")?.cumulative == 1_000_000 && row(f.collection, "市公安局")?.weekly == 3)
            #expect(row(f.collection, "市民政局")?.cumulative == 2 && row(f.collection, "市民政局")?.weekly == 2)
            #expect(row(f.collection, "市教育局")?.cumulative == 1 && row(f.collection, "市教育局")?.weekly == 1)
            // 附件 3, figures: every metered call of an identified system; the Friday-edge call is last week's.
            let s1 = hrssSystems[0].name, s2 = hrssSystems[1].name
            #expect(row(f.calls, "市人力社保局", system: s1)?.weekly == 5)
            // The balance stands at the week's first day: that day's call is in it; today's 4 are not (unless today is that day).
            let afterBalance: Int64 = week.start == CalendarDate.today() ? 0 : 4
            #expect(row(f.calls, "市人力社保局", system: s1)?.cumulative == 2_000_000 + afterBalance)
            #expect(row(f.calls, "市人力社保局", system: s2)?.weekly == 2 && row(f.calls, "市人力社保局", system: s2)?.cumulative == 2)
            #expect(f.calls.count == 2)
            #expect(f.servicesPublished == 2 && f.servicesInUse == 1 && f.servicesCalled == 1 && f.servicesProvincial == 0)
            #expect(f.requests == 2 && f.requestingUnits == 1)
            #expect(f.demand.count == 4 && f.demand.last == DemandRow(day: week.end.description, push: 0, api: 2, query: 0))
            #expect(f.demand.first?.api == 0)
            // 附件 4: grants are days old, not two weeks: nothing yet.
            #expect(f.unused.isEmpty)

            // Last week saw only the Friday 23:59:59 call, and no collection.
            let last = try await city.store.bulletinFigures(week.previous)
            // The calls balance is dated this week, so last week's cumulative is its own call only.
            #expect(last.calls.map(\.weekly) == [1] && last.calls.first?.cumulative == 1)
            #expect(last.collection.allSatisfy { $0.weekly == 0 })

            // Three weeks on, both grants have gone 14 days without a call: 附件 4 lists them.
            let later = try await city.store.bulletinFigures(try #require(ReportPeriod.week(ending: week.end.adding(days: 21))))
            #expect(later.unused == [UnusedRow(unitName: "市人力社保局", count: 2)])
            #expect(later.calls.allSatisfy { $0.weekly == 0 })

            // The document: rank by weekly, top 2, then 其他 and 合计.
            let settings = try await client.execute(uri: "/api/v1/settings/bulletin", method: .put, headers: .bearer(admin), body: try body(["topUnits": 2]))
            #expect(settings.status == .noContent)
            let generated = try await post(client, "/api/v1/bulletins", admin, ["periodEnd": week.end.description])
            #expect(generated.status == .created, "\(String(buffer: generated.body))")
            let id = try #require(try json(generated.body)["id"] as? Int)
            let view = try json(try await get(client, "/api/v1/bulletins/\(id)", admin).body)
            let doc = try #require(view["document"] as? [String: Any])
            let attachments = try #require(doc["attachments"] as? [[String: Any]])
            #expect(attachments.count == 5)
            let a1 = attachments[0]["rows"] as? [[String]] ?? []
            #expect(a1 == [["1", "市人力社保局", "1", "2", "1234.6", "0.0"],
                           ["2", "市公安局", "1", String(policeFields), "100.0", "0.0"],
                           ["3", "市民政局等其他部门", "2", "4", "0.0", "0.0"],
                           ["合计", "4 部门", "4", String(6 + policeFields), "1334.6", "0.0"]])
            let a3 = attachments[2]["rows"] as? [[String]] ?? []
            #expect(a3 == [["1", "市人力社保局", s1, "200.0", "0.0"], ["2", "市人力社保局", s2, "0.0", "0.0"], ["汇总", "1 个部门", "2 个系统", "200.0", "0.0"]])
            let a4 = attachments[3]["rows"] as? [[String]] ?? []
            #expect(a4 == [["合计", "0 市级部门、区县", "0"]])
            let texts = (doc["sections"] as? [[String: Any]] ?? []).flatMap { ($0["blocks"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
            #expect(texts.contains { $0.contains("归集4个部门、4张表、\(6 + policeFields)个字段，累计总归集量0.13亿条") })
            #expect(texts.contains("本周归集总量 0.00 亿条，涉及省市 4 个部门，日均归集量约 0.00 亿。详情见附件 1。"))
            #expect(texts.contains { $0.hasPrefix("2、接口调用情况：目前接口已发布 2 个（其中省接口 0 个），其中在用接口数 1 个。提供 1 个市级部门、区、县（市）的 2 个系统调用 1 个服务接口，累计服务接口调用量 200 万次。") })
            #expect(texts.contains { $0.contains("目前已有 1 个市级部门、区县部门、乡镇及街道请求数据共享，共提交数据共享请求 2 个。") })
            #expect(texts.contains("本期无开通权限后未调用的接口。"))
        }
    }

    /// The attachments' weekly columns read at the edges of a week through the API: a
    /// bulletin for last week and one for this week split the edge calls between them.
    @Test func edgeCallsFallInTheirOwnWeeks() async throws {
        try await BulletinCity.run { city, clock, client in
            let week = ReportPeriod.week(containing: .today())
            let scene = try await GatewayScene.make(city, client)
            for at in [beijing(week.start.adding(days: -1), 23, 59, 59), beijing(week.start, 0, 0, 0), beijing(week.start, 0, 0, 1)] {
                clock.set(at)
                _ = try await scene.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")], at: at)
            }
            clock.set(nil)
            let admin = try await city.token("admin")
            for (period, weekly, cumulative) in [(week.previous, "1", "1"), (week, "2", "3")] {
                let r = try await client.execute(uri: "/api/v1/statistics/bulletin?periodEnd=\(period.end)", method: .get, headers: .bearer(admin, json: false))
                let f = try #require(try json(r.body)["figures"] as? [String: Any])
                let calls = try #require((f["calls"] as? [[String: Any]])?.first)
                #expect(String(calls["weekly"] as? Int ?? -1) == weekly && String(calls["cumulative"] as? Int ?? -1) == cumulative, "\(period.end)")
            }
        }
    }
}

@Suite struct BulletinSharingFigureTests {
    /// Pushes (to 市人力社保局 and to the provincial centre) and query-page visits through their
    /// public interfaces feed 附件 2 and 附件 5 and the sentences of 二(二)1 and 3.
    @Test func pushesAndVisitsFeedAttachmentsTwoAndFive() async throws {
        try await BulletinCity.run { city, _, client in
            let week = ReportPeriod.week(containing: .today())
            let push = try await PushScene.make(city, client)
            let c = push.cast
            #expect(try await push.subscribe(client).status == .created)

            // The provincial centre subscribes to two of the fields (the bureau acts for it).
            let province = try await city.organization("省大数据中心")
            let provinceSystem = try #require(try await city.store.systems(organizationID: province.id).first)
            let request = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.admin), body: try body([
                "resourceCode": push.resource.code, "systemID": provinceSystem.id, "fields": ["gmsfhm", "xm"], "mode": "push",
                "purpose": "省级回流", "legalBasis": "《浙江省公共数据和电子政务管理办法》", "validUntil": SharingCast.until] as [String: Any])).body)
            let decision = "/api/v1/sharing/requests/\(request["id"] as? Int ?? 0)/decision"
            _ = try await post(client, decision, c.policeApprover, ["decision": "approve"])
            let granted = try json(try await post(client, decision, c.bureau, ["decision": "approve"]).body)
            let provincial = try await client.execute(uri: "/api/v1/push/subscriptions", method: .post, headers: .bearer(c.admin), body: try body([
                "grantID": try #require(granted["grantID"] as? Int), "mode": "full", "targetKind": "directory", "target": "province/huji",
                "format": "csv", "intervalMinutes": 60] as [String: Any]))
            #expect(provincial.status == .created, "\(String(buffer: provincial.body))")
            let transport = RecordingTransport()
            #expect(try await PushRunner(store: city.store, transport: transport).runDue(now: Date()) == 2)

            // Query pages: two visits by 市人力社保局's query user.
            let query = try await QueryScene.make(city, client)
            for id in ["330106199001010018", "110102199101010078"] { #expect(try await query.search(client, "gmsfhm=\(id)").status == .ok) }

            let f = try await city.store.bulletinFigures(week)
            #expect(f.sharingCountersAvailable)
            let police = try await city.organization("市公安局"), hrss = try await city.organization("市人力社保局")
            #expect(f.push == [CounterRow(unitID: police.id, unitName: "市公安局", counts: [1, 3], cumulative: 6, weekly: 6)])
            #expect(f.provincialTables == 1 && f.provincialFields == 2 && f.provincialRows == 3 && f.provincialWeekly == 3)
            #expect(f.query == [CounterRow(unitID: hrss.id, unitName: "市人力社保局", counts: [1], cumulative: 2, weekly: 2)])
            #expect(f.modulesPublished == 1 && f.modulesInUse == 1 && f.modulesVisitedInPeriod == 1 && f.queryUsers == 1)
            #expect(f.demand.last == DemandRow(day: week.end.description, push: 2, api: 1, query: 1))

            let doc = try await city.store.previewBulletin(week, language: .zh).document
            #expect(doc.attachments[1].rows == [["1", "市公安局", "1", "3", "0.0", "0.0"], ["合计", "1 部门", "1", "3", "0.0", "0.0"]])
            #expect(doc.attachments[4].rows == [["1", "市人力社保局", "1", "2", "2"], ["合计", "1 市级部门、区县", "1", "2", "2"]])
            let texts = doc.sections[1].blocks.map(\.text)
            #expect(texts.contains { $0.hasSuffix("累计总推送约 0.00 亿条数据量。其中，向省大数据中心推送 1 张表、2 个字段，0.00 亿条。") })
            #expect(texts.contains("共 1 个部门、1 张表、3 个字段提供推送，本周推送总量 0.00 亿条，涉及 1 个部门，日均推送量约 0.00 亿左右。详情见附件 2。"))
            #expect(texts.contains { $0.hasPrefix("3、页面查询情况：目前页面查询已发布 1 个模块，其中在用模块数 1 个。提供 1 个市级部门和区县（市）查询，累计访问 1 个模块，访问量 2 次。目前，公共数据工作平台已为 1 个用户开通共享查询权限") })
            #expect(texts.contains("本周共访问 1 个模块，访问量 2 次，日均访问量 0 次。详情见附件 5。"))
        }
    }
}
