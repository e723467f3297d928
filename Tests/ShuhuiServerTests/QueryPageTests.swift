import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import ShuhuiCore
import ShuhuiServer
import ShuhuiStore
import Testing

/// 市公安局 publishes a query page over `population-by-id`; 市人力社保局 holds a query grant on
/// gmsfhm, xm and sjhm of 常住人口基本信息.
struct QueryScene {
    let cast: SharingCast
    let hrssQuery: String

    static func make(_ city: TestCity, _ client: any TestClientProtocol) async throws -> QueryScene {
        let scene = try await GatewayScene.make(city, client)
        let c = scene.cast
        let request = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss),
                                                        body: try c.requestBody(mode: "query")).body)
        let decision = "/api/v1/sharing/requests/\(request["id"] as? Int ?? 0)/decision"
        _ = try await post(client, decision, c.policeApprover, ["decision": "approve"])
        #expect(try await post(client, decision, c.bureau, ["decision": "approve"]).status == .ok)
        let module = try await post(client, "/api/v1/query-modules", c.police, ["code": "population-lookup", "name": "常住人口查询", "serviceCode": "population-by-id"])
        #expect(module.status == .created, "\(String(buffer: module.body))")
        // A query user of 市人力社保局.
        let hrss = try await city.organization("市人力社保局")
        let created = try await post(client, "/api/v1/users", c.admin, ["username": "hrss-query", "displayName": "社保查询员", "password": "query-pass-1",
                                                                       "role": "queryUser", "organizationID": hrss.id])
        #expect(created.status == .created, "\(String(buffer: created.body))")
        let token = try json(try await client.execute(uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                                                      body: try body(["username": "hrss-query", "password": "query-pass-1"])).body)
        return QueryScene(cast: c, hrssQuery: try #require(token["secret"] as? String))
    }

    func search(_ client: any TestClientProtocol, _ query: String, token: String? = nil, module: String = "population-lookup") async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/query-modules/\(module)/search?\(query)", method: .get, headers: .bearer(token ?? hrssQuery))
    }
}

@Suite struct QueryPageTests {
    @Test func aQueryUserSeesGrantedFieldsMaskedAndVisitsAreCounted() async throws {
        try await TestCity.run { city, client in
            let scene = try await QueryScene.make(city, client)
            let list = try json(try await client.execute(uri: "/api/v1/query-modules", method: .get, headers: .bearer(scene.hrssQuery)).body)
            let item = try #require((list["items"] as? [[String: Any]])?.first)
            #expect(item["usable"] as? Bool == true)

            let r = try await scene.search(client, "gmsfhm=330106199001010018")
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            let result = try json(r.body)
            #expect(Set(result["fields"] as? [String] ?? []) == ["gmsfhm", "xm", "sjhm"], "only granted fields")
            let row = try #require((result["rows"] as? [[String: Any]])?.first)
            #expect(row["gmsfhm"] as? String == "330106********0018" && row["xm"] as? String == "段**" && row["sjhm"] as? String == "180****1999")
            let text = String(buffer: r.body)
            #expect(!text.contains("330106199001010018") && !text.contains("18012341999") && !text.contains("段小明"))

            // The console page shows the same masked table.
            _ = try await scene.search(client, "gmsfhm=110102199101010078")
            let visits = try await city.store.queryVisitDaily()
            let hrss = try await city.organization("市人力社保局")
            #expect(visits.count == 1 && visits[0].visits == 2 && visits[0].organizationID == hrss.id)
            let log = try json(try await client.execute(uri: "/api/v1/query-visits", method: .get, headers: .bearer(scene.cast.admin)).body)
            let entries = try #require(log["items"] as? [[String: Any]])
            #expect(entries.count == 2 && !String(describing: entries).contains("330106199001010018"), "parameters are logged masked")
        }
    }

    @Test func deniedSearchesShowNoDataAndAreNotCountedAsVisits() async throws {
        try await TestCity.run { city, client in
            let scene = try await QueryScene.make(city, client)
            // A query user of a unit without a query grant (西湖区's demo query user).
            try expectDenied(try await scene.search(client, "gmsfhm=330106199001010018", token: scene.cast.query), .forbidden)
            // Roles that never search: approvers and the bureau's approver.
            try expectDenied(try await scene.search(client, "gmsfhm=330106199001010018", token: scene.cast.policeApprover), .forbidden)
            try expectDenied(try await scene.search(client, "gmsfhm=330106199001010018", token: scene.cast.bureau), .forbidden)
            // A field not granted, a parameter the service lacks, a missing required parameter.
            try expectDenied(try await scene.search(client, "gmsfhm=330106199001010018&fields=xb"), .forbidden)
            try expectDenied(try await scene.search(client, "xm=%E6%AE%B5%E5%B0%8F%E6%98%8E"), .badRequest)
            try expectDenied(try await scene.search(client, "fields=xm"), .badRequest)
            // No token at all.
            try expectDenied(try await client.execute(uri: "/api/v1/query-modules/population-lookup/search?gmsfhm=330106199001010018", method: .get), .unauthorized)
            // Injection attempts are plain values that match nothing.
            for attack in ["' OR '1'='1", "330106199001010018' --", "1; DROP TABLE grants"] {
                let r = try await scene.search(client, "gmsfhm=" + (attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(r.status == .ok)
                #expect((try json(r.body)["rows"] as? [Any])?.isEmpty == true)
            }
            // A retired module answers 410.
            #expect(try await post(client, "/api/v1/query-modules/population-lookup/retire", scene.cast.police).status == .ok)
            try expectDenied(try await scene.search(client, "gmsfhm=330106199001010018"), .gone)
            #expect(try await city.store.queryVisitDaily().reduce(0) { $0 + $1.visits } == 3, "only the three injection searches succeeded")
        }
    }

    @Test func onlyTheProviderPublishesModules() async throws {
        try await TestCity.run { city, client in
            let scene = try await QueryScene.make(city, client)
            for token in [scene.cast.hrss, scene.cast.query, scene.hrssQuery] {
                try expectProblem(try await post(client, "/api/v1/query-modules", token, ["code": "x-lookup", "name": "x", "serviceCode": "population-by-id"]), .forbidden)
                try expectProblem(try await post(client, "/api/v1/query-modules/population-lookup/retire", token), .forbidden)
            }
            try expectProblem(try await post(client, "/api/v1/query-modules", scene.cast.police, ["code": "population-lookup", "name": "x", "serviceCode": "population-by-id"]), .conflict)
            try expectProblem(try await post(client, "/api/v1/query-modules", scene.cast.police, ["code": "y-lookup", "name": "y", "serviceCode": "no-such"]), .unprocessableContent)
        }
    }

    @Test func theConsoleQueryPageRendersMaskedResults() async throws {
        try await TestCity.run { city, client in
            let scene = try await QueryScene.make(city, client)
            let user = try #require(try await city.store.authenticate(username: "hrss-query", password: "query-pass-1"))
            let session = try await city.store.issueToken(for: user.id, name: "console", kind: "session").secret
            let page = try await client.execute(uri: "/query/population-lookup?gmsfhm=330106199001010018", method: .get,
                                                headers: [.cookie: "shuhui_session=\(session)"])
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            // The form shows back what the user typed; the results table shows only masked values.
            let results = try #require(html.range(of: "id=\"query-results\"")).lowerBound
            #expect(html[results...].contains("330106********0018") && !html[results...].contains("330106199001010018"))
            let list = try await client.execute(uri: "/query", method: .get, headers: [.cookie: "shuhui_session=\(session)"])
            #expect(String(buffer: list.body).contains("/query/population-lookup"))
            _ = scene
        }
    }
}
