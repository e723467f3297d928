import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

@Suite struct OneWindowConsoleTests {
    func login(_ client: any TestClientProtocol, _ user: String, _ password: String = "shuhui-demo") async throws -> String {
        let r = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "username=\(user)&password=\(password)&next=%2F"))
        return String(try #require(r.headers[.setCookie]).split(separator: ";")[0])
    }

    @Test func pagesRenderInBothLanguagesAndLinksResolve() async throws {
        try await TestCity.run { _, client in
            let cookie = try await login(client, "admin", "shuhui-admin")
            let pages = [("/one-window", "全市自建业务办理系统接入“一窗平台”统计表"), ("/one-window/matters", "居民身份证申领"), ("/one-window/cases", "受理"),
                         ("/one-window/indicators", "日均活跃率"), ("/one-window?lang=en", "Self-built systems joined"), ("/one-window/indicators?lang=en", "Total")]
            for (path, marker) in pages {
                let r = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
                #expect(r.status == .ok, "\(path)")
                let html = String(buffer: r.body)
                #expect(html.contains(marker), "\(path) lacks \(marker)")
                #expect(!html.contains("{{") && html.firstMatch(of: /\b(ow|case|bundle)\.[a-z]/) == nil, "\(path) has an unrendered tag or key")
                for link in html.matches(of: /href="(\/[^"]*)"/).map({ String($0.1).replacingOccurrences(of: "&amp;", with: "&") }) where !link.hasPrefix("/api/") && !link.hasPrefix("/static/") {
                    let target = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie])
                    #expect(target.status == .ok || target.status == .seeOther, "\(path) links to \(link): \(target.status)")
                }
            }
            // The ranking shows 附件 3 with its computed 合计.
            let ranking = String(buffer: try await client.execute(uri: "/one-window/indicators?period=2018-07-27&scope=district", method: .get, headers: [.cookie: cookie]).body)
            #expect(ranking.contains("余杭区") && ranking.contains("89695") && ranking.contains("39%"))
            #expect(ranking.contains("id=\"trend\"") && ranking.contains("2018-07-20"))
        }
    }

    @Test func importFormRefusesABadFileWithRowsAndColumns() async throws {
        try await TestCity.run { _, client in
            let cookie = try await login(client, "admin", "shuhui-admin")
            let form = String(buffer: try await client.execute(uri: "/one-window/import", method: .get, headers: [.cookie: cookie]).body)
            let csrf = try #require(form.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let boundary = "owb"
            func upload(_ kind: String, _ csv: String) async throws -> TestResponse {
                let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"period\"\r\n\r\n2018-07-27\r\n"
                    + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
                return try await client.execute(uri: "/one-window/import", method: .post,
                                                headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: body))
            }
            let bad = try await upload("indicators", "单位,激活率\n余杭区,120%\n")
            #expect(bad.status == .unprocessableContent)
            let html = String(buffer: bad.body)
            #expect(html.contains("激活率") && html.contains("超过 100%"))
            let good = try await upload("indicators", "单位,注册数\n余杭区,21024\n")
            #expect(good.status == .ok && String(buffer: good.body).contains("导入完成"))
        }
    }

    @Test func casePageOffersTheAllowedActionsAndTakesThem() async throws {
        try await TestCity.run { city, client in
            let police = try await login(client, "police")
            let open = try #require(try await city.store.cases(CaseQuery(state: .applied)).items.first { $0.organizationName == "市公安局" })
            let page = String(buffer: try await client.execute(uri: "/one-window/cases/\(open.id)", method: .get, headers: [.cookie: police]).body)
            #expect(page.contains("value=\"prereview\"") && !page.contains("value=\"approve\""))
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let post = try await client.execute(uri: "/one-window/cases/\(open.id)", method: .post,
                                                headers: [.cookie: police, .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "_csrf=\(csrf)&action=prereview"))
            #expect(post.status == .seeOther)
            #expect(try await city.store.caseRecord(id: open.id).state == .prereview)
            // A step that needs a reason comes back with the message, nothing changed.
            let refused = try await client.execute(uri: "/one-window/cases/\(open.id)", method: .post,
                                                   headers: [.cookie: police, .contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: "_csrf=\(csrf)&action=refuse&reason="))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("必须说明理由"))
            #expect(try await city.store.caseRecord(id: open.id).state == .prereview)
            // The query user sees no form and may not post.
            let query = try await login(client, "query")
            let other = try await client.execute(uri: "/one-window/cases/\(open.id)", method: .get, headers: [.cookie: query])
            #expect(other.status == .forbidden)
        }
    }
}
