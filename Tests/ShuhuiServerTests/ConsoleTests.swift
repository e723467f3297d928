import Foundation
import ShuhuiCore
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiServer
import ShuhuiStore
import Testing

@Suite struct ConsoleTests {
    /// Logs in through the form and returns the session cookie.
    func login(_ client: any TestClientProtocol, _ user: String = "admin", _ password: String = "shuhui-admin") async throws -> String {
        let r = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "username=\(user)&password=\(password)&next=%2Fcatalog"))
        #expect(r.status == .seeOther)
        #expect(r.headers[.location] == "/catalog" || r.headers[.location] == "/")
        let cookie = try #require(r.headers[.setCookie])
        #expect(cookie.contains("HttpOnly"))
        return String(cookie.split(separator: ";")[0])
    }

    @Test func pagesNeedALogin() async throws {
        try await TestCity.run { _, client in
            for path in ["/", "/catalog", "/organizations", "/systems", "/import", "/tokens"] {
                let r = try await client.execute(uri: path, method: .get)
                #expect(r.status == .seeOther)
                #expect(r.headers[.location]?.hasPrefix("/login") == true)
            }
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("用户名"))
            let wrong = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "username=admin&password=nope"))
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("用户名或密码错误"))
            // A session cookie does not open the API.
            let cookie = try await login(client)
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .get, headers: [.cookie: cookie]), .unauthorized)
        }
    }

    @Test func everyPageRendersAndLinksResolve() async throws {
        try await TestCity.run { city, client in
            let cookie = try await login(client)
            let code = try await city.resource(of: "市公安局").code
            for (path, marker) in [("/", "数据资源总览"), ("/organizations", "西湖区"), ("/systems", "信息系统"), ("/catalog", "数据资源目录"),
                                   ("/catalog/\(code)", "信息项"), ("/import", "目录表格导入"), ("/quality", "治理达标率"), ("/tokens", "API 访问令牌"), ("/catalog?lang=en", "Data resource catalog")] {
                let r = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
                #expect(r.status == .ok, "\(path)")
                let html = String(buffer: r.body)
                #expect(html.contains(marker), "\(path) lacks \(marker)")
                #expect(!html.contains("{{"), "\(path) has an unrendered tag")
                // Every local link on the page answers (no broken links).
                for link in links(in: html) where !link.hasPrefix("/api/") {
                    let target = try await client.execute(uri: link, method: .get, headers: [.cookie: cookie])
                    #expect(target.status == .ok || target.status == .seeOther, "\(path) links to \(link): \(target.status)")
                }
            }
            let dashboard = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).body)
            #expect(dashboard.contains("<svg"))
            // Related pages share a menu; the menu of the page shown is marked.
            #expect(dashboard.components(separatedBy: "<details class=\"menu\">").count == 4)
            let push = String(buffer: try await client.execute(uri: "/push", method: .get, headers: [.cookie: cookie]).body)
            #expect(push.contains("<summary class=\"active\">共享</summary>") && push.contains("<a href=\"/push\" class=\"active\" aria-current=\"page\">"))
            let missing = try await client.execute(uri: "/catalog/109999-00001", method: .get, headers: [.cookie: cookie])
            #expect(missing.status == .notFound)
        }
    }

    @Test func formsNeedTheirToken() async throws {
        try await TestCity.run { _, client in
            let cookie = try await login(client)
            let r = try await client.execute(uri: "/tokens", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                             body: ByteBuffer(string: "name=x&_csrf=forged"))
            try expectProblem(r, .forbidden)
        }
    }

    @Test func importFormReportsEveryBadRow() async throws {
        try await TestCity.run { city, client in
            let cookie = try await login(client)
            let page = String(buffer: try await client.execute(uri: "/import", method: .get, headers: [.cookie: cookie]).body)
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let csv = "资源名称,资源分类代码,提供方,共享属性,开放属性,安全级别,信息项名称,信息项代码,数据类型\n测试,301001,市公安局,无条件共享,禁止开放,L9,字段,zd,字符型\n"
            let boundary = "XyZ"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
            let r = try await client.execute(uri: "/import", method: .post, headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
                                             body: ByteBuffer(string: body))
            #expect(r.status == .unprocessableContent)
            let html = String(buffer: r.body)
            #expect(html.contains("import-errors") && html.contains("安全级别") && html.contains("共享方式"))
        }
    }

    @Test func rulesAreEditedOnTheResourcePage() async throws {
        try await TestCity.run { city, client in
            let cookie = try await login(client, "police", "shuhui-demo")
            let r = try await city.resource(of: "市公安局")
            let page = String(buffer: try await client.execute(uri: "/catalog/\(r.code)", method: .get, headers: [.cookie: cookie]).body)
            let csrf = try #require(page.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
            let field = r.draft.fields[0].code
            func save(_ notation: String) async throws -> TestResponse {
                let value = notation.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return try await client.execute(uri: "/catalog/\(r.code)/rules", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "_csrf=\(csrf)&rule_\(field)=\(value)"))
            }
            let bad = try await save("颜色:红")
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("颜色:红"))
            let ok = try await save("唯一")
            #expect(ok.status == .seeOther)
            let saved = try await city.store.resource(code: r.code)
            #expect(saved.version == r.version + 1 && saved.draft.rules.contains { $0.kind == .unique && $0.field == field })
            // Another unit's officer sees no form and cannot post one.
            let other = try await city.resource(of: "市人力社保局")
            let otherPage = String(buffer: try await client.execute(uri: "/catalog/\(other.code)", method: .get, headers: [.cookie: cookie]).body)
            #expect(!otherPage.contains("/rules\""))
            let denied = try await client.execute(uri: "/catalog/\(other.code)/rules", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "_csrf=\(csrf)&rule_x=唯一"))
            #expect(denied.status == .forbidden)
        }
    }

    func links(in html: String) -> [String] {
        html.matches(of: /href="(\/[^"]*)"/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
    }
}
