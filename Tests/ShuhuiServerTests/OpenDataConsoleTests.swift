import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

@Suite struct OpenDataConsoleTests {
    func login(_ client: any TestClientProtocol, _ user: String, _ password: String) async throws -> String {
        let r = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "username=\(user)&password=\(password)&next=%2F"))
        return String(try #require(r.headers[.setCookie]).split(separator: ";")[0])
    }

    /// The bureau decides a restricted application from the console page, with the CSRF token.
    @Test func bureauDecidesApplicationsInTheConsole() async throws {
        try await TestCity.run { city, client in
            let key = try await registerDeveloper(client, email: "console@example.com")
            let ds = try #require(try await city.store.openDatasets().first { $0.access == .restricted })
            let applied = try await client.execute(uri: "/api/v1/open/datasets/\(ds.name)/applications", method: .post,
                                                   headers: [HTTPField.Name("X-App-Key")!: key, .contentType: "application/json"], body: try body(["purpose": "研究"]))
            let id = try #require(try json(applied.body)["id"] as? Int)
            let cookie = try await login(client, "admin", "shuhui-admin")
            let page = try await client.execute(uri: "/open-data", method: .get, headers: [.cookie: cookie])
            let html = String(buffer: page.body)
            #expect(page.status == .ok && html.contains("受限开放申请") && html.contains("研究") && html.contains("骑行杭州") && !html.contains("{{"))
            let csrf = try #require(html.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let noToken = try await client.execute(uri: "/open-data/applications/\(id)", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "decision=approve"))
            #expect(noToken.status == .forbidden)
            let decided = try await client.execute(uri: "/open-data/applications/\(id)", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "_csrf=\(csrf)&decision=refuse&reason=%E7%94%A8%E9%80%94%E4%B8%8D%E6%98%8E"))
            #expect(decided.status == .seeOther)
            #expect(try await city.store.openApplication(id: Int64(id)).state == .refused)
            // Another unit's officer sees only its own unit's applications.
            let police = try await login(client, "police", "shuhui-demo")
            let policePage = String(buffer: try await client.execute(uri: "/open-data", method: .get, headers: [.cookie: police]).body)
            #expect(!policePage.contains("研究"))
        }
    }

    @Test func publicRegistrationForm() async throws {
        try await TestCity.run { _, client in
            let form = try await client.execute(uri: "/open/register", method: .get)
            #expect(form.status == .ok && String(buffer: form.body).contains("统一社会信用代码"))
            let bad = try await client.execute(uri: "/open/register", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                               body: ByteBuffer(string: "kind=company&name=%E6%9F%90%E5%85%AC%E5%8F%B8&email=x%40y.cn&creditCode=9111000060003IOZSV"))
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("无效"))
            let good = try await client.execute(uri: "/open/register", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "kind=company&name=%E6%9F%90%E5%85%AC%E5%8F%B8&email=x%40y.cn&creditCode=9144030071526726XG"))
            #expect(good.status == .created)
            let key = try #require(String(buffer: good.body).firstMatch(of: /id="app-key">(odk_[A-Za-z0-9_-]+)</)?.1)
            let me = try await client.execute(uri: "/api/v1/open/me", method: .get, headers: [HTTPField.Name("X-App-Key")!: String(key)])
            #expect(me.status == .ok)
        }
    }
}
