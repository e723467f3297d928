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

/// The console's bulletin pages on the full demo city (with its activity and issued bulletins).
@Suite struct BulletinConsoleTests {
    static func run(_ body: @Sendable (Store, any TestClientProtocol) async throws -> Void) async throws {
        let store = try await Store.temporary()
        _ = try await DemoCity.load(into: store)
        let app = Application(router: ShuhuiApp.router(store: store))
        do {
            try await app.test(.router) { client in try await body(store, client) }
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    static func login(_ client: any TestClientProtocol, _ user: String, _ password: String) async throws -> String {
        let r = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "username=\(user)&password=\(password)&next=%2F"))
        return String(try #require(r.headers[.setCookie]).split(separator: ";")[0])
    }

    static func csrf(_ html: String) throws -> String {
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    @Test func demoShowsIssuedBulletinsDashboardAndBalances() async throws {
        try await Self.run { store, client in
            let cookie = try await Self.login(client, "admin", "shuhui-admin")
            func page(_ path: String) async throws -> String {
                let r = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
                #expect(r.status == .ok, "\(path): \(r.status)")
                return String(buffer: r.body)
            }
            let list = try await page("/bulletins")
            #expect(list.contains("2018-05-12 – 2018-05-18") && list.contains("已印发"))
            let issued = try #require(try await store.bulletin(kind: .weekly, end: CalendarDate(iso: "2018-05-18")!))
            let one = try await page("/bulletins/\(issued.id)")
            #expect(one.contains("杭州城市数据大脑规划") && one.contains("附件 1:") && one.contains("<svg") && one.contains("@page{size:A4"))
            #expect(one.contains("已印发，内容已冻结"))
            // The console shows exactly the stored article.
            let stored = try await store.bulletinHTML(id: issued.id, language: .zh)
            let article = String(stored[stored.range(of: "<article")!.lowerBound..<stored.range(of: "</article>")!.upperBound])
            #expect(one.contains(article))
            let docx = try await client.execute(uri: "/bulletins/\(issued.id)/export?format=docx", method: .get, headers: [.cookie: cookie])
            #expect(docx.status == .ok && docx.headers[.contentType]?.contains("wordprocessingml") == true)
            let dashboard = try await page("/statistics")
            #expect(dashboard.contains("数据局看板") && dashboard.contains("<svg class=\"spark\"") && dashboard.contains("数据归集情况"))
            let balances = try await page("/statistics/balances")
            #expect(balances.contains("2018年一季度审计") && balances.contains("局管理员"))
            let en = try await page("/bulletins/\(issued.id)?lang=en")
            #expect(en.contains("Weekly bulletin") && en.contains("Data collection"))
        }
    }

    @Test func administratorRunsTheWorkflowFromTheConsole() async throws {
        try await Self.run { store, client in
            let cookie = try await Self.login(client, "admin", "shuhui-admin")
            let listPage = String(buffer: try await client.execute(uri: "/bulletins", method: .get, headers: [.cookie: cookie]).body)
            let token = try Self.csrf(listPage)
            func form(_ path: String, _ fields: String, cookie: String = cookie) async throws -> TestResponse {
                try await client.execute(uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "_csrf=\(token)&" + fields))
            }
            let made = try await form("/bulletins", "kind=weekly&periodEnd=2018-05-25")
            #expect(made.status == .seeOther)
            let path = try #require(made.headers[.location])
            #expect(try await form(path + "/edit", "work=%E6%9C%AC%E5%91%A8%E5%B7%A5%E4%BD%9C").status == .seeOther)
            #expect(try await form(path + "/check", "").status == .seeOther)
            #expect(try await form(path + "/issue", "").status == .seeOther)
            let shown = String(buffer: try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]).body)
            #expect(shown.contains("本周工作") && shown.contains("已印发"))
            let record = try #require(try await store.bulletin(kind: .weekly, end: CalendarDate(iso: "2018-05-25")!))
            #expect(record.state == .issued && record.events.map(\.actorName).allSatisfy { $0 == "局管理员" })

            // A unit's officer sees issued bulletins only and cannot run the workflow.
            let officer = try await Self.login(client, "police", "shuhui-demo")
            let officerList = String(buffer: try await client.execute(uri: "/bulletins", method: .get, headers: [.cookie: officer]).body)
            #expect(!officerList.contains("生成草稿"))
            let officerToken = try Self.csrf(officerList)
            let denied = try await client.execute(uri: "/bulletins", method: .post, headers: [.cookie: officer, .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "_csrf=\(officerToken)&kind=weekly&periodEnd=2018-06-01"))
            #expect(denied.status == .forbidden)
            #expect(try await store.bulletin(kind: .weekly, end: CalendarDate(iso: "2018-06-01")!) == nil)
            #expect(try await client.execute(uri: "/statistics", method: .get, headers: [.cookie: officer]).status == .forbidden)
        }
    }
}
