import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

/// The sharing flow as people click through it in the console.
@Suite struct SharingConsoleTests {
    struct Session {
        let cookie: String
        let client: any TestClientProtocol

        func get(_ path: String) async throws -> (HTTPResponse.Status, String) {
            let r = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
            return (r.status, String(buffer: r.body))
        }

        func post(_ path: String, _ form: String, csrfFrom page: String) async throws -> TestResponse {
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            return try await client.execute(uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                            body: ByteBuffer(string: "_csrf=\(csrf)&" + form))
        }
    }

    func login(_ client: any TestClientProtocol, _ user: String) async throws -> Session {
        Session(cookie: try await ConsoleTests().login(client, user, "shuhui-demo"), client: client)
    }

    @Test func requestApproveAndGrantThroughTheConsole() async throws {
        try await TestCity.run { city, client in
            let c = try await SharingCast.make(city)
            let hrss = try await login(client, "hrss")
            let (_, resourcePage) = try await hrss.get("/catalog/\(c.population.code)")
            #expect(resourcePage.contains("/sharing/new?resource=\(c.population.code)"))
            let (status, form) = try await hrss.get("/sharing/new?resource=\(c.population.code)")
            #expect(status == .ok && form.contains("field_gmsfhm"))
            // Without a purpose the form comes back with the reason, nothing filed.
            let bad = try await hrss.post("/sharing/new", "resource=\(c.population.code)&system=\(c.hrssSystem.id)&mode=api&field_gmsfhm=on&purpose=&validUntil=\(SharingCast.until)", csrfFrom: form)
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("必须写明用途"))
            #expect(try await city.store.sharingRequests(RequestQuery()).total == 0)
            let filed = try await hrss.post("/sharing/new", "resource=\(c.population.code)&system=\(c.hrssSystem.id)&mode=api&field_gmsfhm=on&field_xm=on&purpose=%E8%AE%A4%E8%AF%81&legalBasis=%E6%B3%95&validUntil=\(SharingCast.until)", csrfFrom: form)
            #expect(filed.status == .seeOther)
            let path = try #require(filed.headers[.location])

            // The provider's approver finds it on the to-do list and approves.
            let approver = try await login(client, "police-approver")
            let (_, todo) = try await approver.get("/sharing")
            #expect(todo.contains("id=\"todo\"") && todo.contains(path))
            let (_, detail) = try await approver.get(path)
            #expect(detail.contains("id=\"approve\""))
            #expect(try await approver.post(path + "/decision", "decision=approve", csrfFrom: detail).status == .seeOther)

            // The bureau chooses masks and approves; the grant shows them.
            let bureau = try await login(client, "approver")
            let (_, bureauPage) = try await bureau.get(path)
            #expect(bureauPage.contains("mask_gmsfhm") && bureauPage.contains("mask_xm"))
            #expect(try await bureau.post(path + "/decision", "decision=approve&mask_xm=pseudonym&rate=120", csrfFrom: bureauPage).status == .seeOther)
            let (_, granted) = try await hrss.get(path)
            #expect(granted.contains("id=\"grant\"") && granted.contains("假名"))
            #expect(!granted.contains("id=\"approve\""))

            // Someone else's unit cannot open it; the requester cannot approve it.
            let query = try await login(client, "query")
            #expect(try await query.get(path).0 == .forbidden)
            let (_, sharingPage) = try await hrss.get("/sharing")
            #expect(sharingPage.contains("id=\"grants\""))
            for page in ["/sharing", "/services", path] {
                let (s, html) = try await bureau.get(page)
                #expect(s == .ok && !html.contains("{{"), "\(page)")
            }
        }
    }
}
