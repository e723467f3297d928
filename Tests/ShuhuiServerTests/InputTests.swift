import Foundation
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

/// Bad input gets a 4xx problem naming the field, never a 500, and changes nothing.
@Suite struct InputTests {
    @Test func malformedAndUnknownAndMissing() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("admin")
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: ByteBuffer(string: "{\"name\": ")), .badRequest)
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: ByteBuffer(string: "[1,2]")), .badRequest)
            let r = try await city.resource(of: "市公安局")
            var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(r.draft)) as? [String: Any])
            object["grde"] = "L2"
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(object)), .unprocessableContent, field: "grde")
            object["grde"] = nil
            var fields = try #require(object["fields"] as? [[String: Any]])
            fields[1]["colour"] = "red"
            object["fields"] = fields
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(object)), .unprocessableContent, field: "fields[1].colour")
            fields[1]["colour"] = nil
            object["fields"] = fields
            object["categoryCode"] = nil
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(object)), .unprocessableContent, field: "categoryCode")
            object["categoryCode"] = 101001
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(object)), .unprocessableContent, field: "categoryCode")
            object["categoryCode"] = "101001"
            object["grade"] = "L9"
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(object)), .unprocessableContent, field: "grade")
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "text/plain"], body: ByteBuffer(string: "x")), .unsupportedMediaType)
            try expectProblem(try await client.execute(uri: "/api/v1/resources?limit=abc", method: .get, headers: .bearer(token)), .badRequest, field: "limit")
            try expectProblem(try await client.execute(uri: "/api/v1/resources?grade=L7", method: .get, headers: .bearer(token)), .badRequest, field: "grade")
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("admin")
            let big = ByteBuffer(string: "{\"name\": \"" + String(repeating: "数", count: 400_000) + "\"}")
            try expectProblem(try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: big), .contentTooLarge)
        }
    }

    @Test func rulesOfTheCatalogNameTheField() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("admin")
            var draft = try await city.resource(of: "市公安局").draft
            draft.grade = .l4
            draft.open = .open
            draft.fields[0].code = "Bad Code"
            let r = try await client.execute(uri: "/api/v1/resources", method: .post, headers: .bearer(token), body: try body(draft))
            let problem = try expectProblem(r, .unprocessableContent, field: "open")
            let fields = (problem["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields.contains("fields[0].code"))
        }
    }

    @Test func duplicatesAre409AndInvalidCreditCodeIs422() async throws {
        try await TestCity.run { city, client in
            let token = try await city.token("admin")
            let police = try await city.organization("市公安局")
            let same = OrganizationInput(code: police.code, name: "另一个单位", kind: .department, regionCode: "330100")
            try expectProblem(try await client.execute(uri: "/api/v1/organizations", method: .post, headers: .bearer(token), body: try body(same)), .conflict, field: "code")
            let sameName = OrganizationInput(code: "91110000600037341L", name: police.name, kind: .department, regionCode: "330100")
            try expectProblem(try await client.execute(uri: "/api/v1/organizations", method: .post, headers: .bearer(token), body: try body(sameName)), .conflict, field: "name")
            let badCode = OrganizationInput(code: "91110000600037341N", name: "新单位", kind: .department, regionCode: "330100")
            let problem = try expectProblem(try await client.execute(uri: "/api/v1/organizations", method: .post, headers: .bearer(token), body: try body(badCode)), .unprocessableContent, field: "code")
            #expect((problem["errors"] as? [[String: Any]])?.first?["code"] as? String == "invalid_credit_code")
            let system = try #require(try await city.store.systems(organizationID: police.id).first)
            let dupSystem = SystemInput(organizationID: police.id, code: system.code, name: "重复", level: .municipal)
            try expectProblem(try await client.execute(uri: "/api/v1/systems", method: .post, headers: .bearer(token), body: try body(dupSystem)), .conflict, field: "code")
            // A stale If-Match is a conflict, not a silent overwrite.
            let r = try await city.resource(of: "市公安局")
            var h = HTTPFields.bearer(token)
            h[.ifMatch] = "\"\(r.version + 5)\""
            var d = r.draft
            d.summary = "changed"
            try expectProblem(try await client.execute(uri: "/api/v1/resources/\(r.code)", method: .put, headers: h, body: try body(d)), .conflict)
            try expectProblem(try await client.execute(uri: "/api/v1/resources/999999-00001", method: .get, headers: .bearer(token)), .notFound)
            try expectProblem(try await client.execute(uri: "/api/v1/organizations/abc", method: .get, headers: .bearer(token)), .badRequest)
        }
    }

    @Test func englishWhenAsked() async throws {
        try await TestCity.run { _, client in
            let r = try await client.execute(uri: "/api/v1/resources", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9"])
            let problem = try expectProblem(r, .unauthorized)
            #expect(problem["title"] as? String == "Authentication required")
            let zh = try json(try await client.execute(uri: "/api/v1/resources", method: .get).body)
            #expect(zh["title"] as? String == "需要登录或有效令牌")
            // The console is Chinese whatever the browser's default, until the reader switches.
            let login = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "en-US"])
            #expect(String(buffer: login.body).contains("用户名"))
            let english = try await client.execute(uri: "/login?lang=en", method: .get)
            #expect(String(buffer: english.body).contains("Username"))
            #expect(english.headers[.setCookie]?.hasPrefix("lang=en") == true)
        }
    }
}
