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

/// A consuming system's signed gateway client.
struct GatewayClient {
    let client: any TestClientProtocol
    let key: String
    let secret: String

    func call(_ service: String, _ query: [(String, String)], at date: Date = Date(), nonce: String = UUID().uuidString,
              tamper: Bool = false, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        let q = query.map { GatewaySignature.encode($0.0) + "=" + GatewaySignature.encode($0.1) }.joined(separator: "&")
        let path = "/gateway/\(service)"
        let ts = String(Int(date.timeIntervalSince1970))
        let canonical = GatewaySignature.canonical(method: "GET", path: path, query: q, timestamp: ts, nonce: nonce, body: Data())
        var signature = GatewaySignature.sign(canonical, secret: Array(secret.utf8))
        if tamper { signature = GatewaySignature.sign(canonical + "x", secret: Array(secret.utf8)) }
        var h: HTTPFields = [HTTPField.Name("X-App-Key")!: key, HTTPField.Name("X-Timestamp")!: ts,
                             HTTPField.Name("X-Nonce")!: nonce, HTTPField.Name("X-Signature")!: signature]
        for f in extra { h[f.name] = f.value }
        return try await client.execute(uri: q.isEmpty ? path : path + "?" + q, method: .get, headers: h)
    }
}

/// A city where 市公安局 publishes `population-by-id` over 常住人口基本信息 (three people stored)
/// and 市人力社保局's first system holds an approved API grant on gmsfhm, xm, sjhm.
struct GatewayScene {
    let cast: SharingCast
    let gateway: GatewayClient
    let grantID: Int

    static let people = [("330106199001010018", "段小明", "1", "1990-01-01", "18012341999"),
                         ("33060219900101001X", "王芳", "2", "1990-01-01", "13900001111"),
                         ("110102199101010078", "李四", "1", "1991-01-01", "13712345678")]

    static func make(_ city: TestCity, _ client: any TestClientProtocol, ratePerMinute: Int = 600) async throws -> GatewayScene {
        let c = try await SharingCast.make(city)
        let csv = "gmsfhm,xm,xb,csrq,sjhm\n" + people.map { "\($0.0),\($0.1),\($0.2),\($0.3),\($0.4)" }.joined(separator: "\n") + "\n"
        let batch = try await client.execute(uri: "/api/v1/resources/\(c.population.code)/batches", method: .post,
                                             headers: [.authorization: "Bearer \(c.police)", .contentType: "text/csv"], body: ByteBuffer(string: csv))
        #expect(try json(batch.body)["rowsStored"] as? Int == 3)
        for code in ["population-by-id", "population-names"] {
            let created = try await post(client, "/api/v1/services", c.police, [
                "code": code, "name": "按公民身份号码查询常住人口", "resourceCode": c.population.code,
                "fields": code == "population-by-id" ? ["gmsfhm", "xm", "xb", "sjhm", "csrq"] : ["gmsfhm", "xm"],
                "parameters": [["field": "gmsfhm", "required": code == "population-by-id"]], "pageSize": 20, "ratePerMinute": 600])
            #expect(created.status == .created, "\(String(buffer: created.body))")
            #expect(try await post(client, "/api/v1/services/\(code)/publish", c.police).status == .ok)
        }
        let request = try json(try await client.execute(uri: "/api/v1/sharing/requests", method: .post, headers: .bearer(c.hrss), body: try c.requestBody()).body)
        let decision = "/api/v1/sharing/requests/\(request["id"] as? Int ?? 0)/decision"
        _ = try await post(client, decision, c.policeApprover, ["decision": "approve"])
        let granted = try json(try await post(client, decision, c.bureau, ["decision": "approve", "ratePerMinute": ratePerMinute]).body)
        let issued = try json(try await post(client, "/api/v1/systems/\(c.hrssSystem.id)/credentials", c.hrss).body)
        let key = try #require((issued["credential"] as? [String: Any])?["appKey"] as? String)
        let secret = try #require(issued["secret"] as? String)
        return GatewayScene(cast: c, gateway: GatewayClient(client: client, key: key, secret: secret), grantID: try #require(granted["grantID"] as? Int))
    }
}

/// Asserts a denial whose body holds none of the stored people's data.
func expectDenied(_ r: TestResponse, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectProblem(r, status, sourceLocation: sourceLocation)
    let text = String(buffer: r.body)
    for p in GatewayScene.people {
        #expect(!text.contains(p.0) && !text.contains(p.1) && !text.contains(p.4), "data leaked in \(text)", sourceLocation: sourceLocation)
    }
}

@Suite struct GatewayTests {
    /// The canonical query is computed on bytes; it must stay the text Foundation's percent
    /// coding gives, which clients built on Foundation sign.
    @Test func canonicalQueryMatchesFoundationsPercentCoding() {
        func reference(_ query: String) -> String {
            let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s }
            let pairs = query.split(separator: "&").map { item -> (String, String) in
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
            }
            return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        }
        let queries = [
            "gmsfhm=330106199001010018", "b=2&a=1&a=0", "xm=%E6%AE%B5%E5%B0%8F%E6%98%8E&limit=5", "q=a+b%20c", "x=%zz&y=%4", "x=%FF%FE",
            "flag&=v&&k=", "name=段小明&addr=a/b?c", "k=%2B%26%3D", "a=~-._*'()!", "z=%e6%ae%b5", "k=1%", "%41=%61",
        ]
        for q in queries { #expect(GatewaySignature.canonicalQuery(q) == reference(q), "\(q)") }
        #expect(GatewaySignature.canonicalQuery(nil) == "")
        #expect(GatewaySignature.encode("段 a+b/~") == "%E6%AE%B5%20a%2Bb%2F~")
    }

    @Test func grantedCallReturnsExactlyTheGrantedFieldsMasked() async throws {
        try await TestCity.run { city, client in
            let s = try await GatewayScene.make(city, client)
            let r = try await s.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")])
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            #expect(r.headers[HTTPField.Name("X-RateLimit-Limit")!] == "600")
            #expect(r.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "599")
            let page = try json(r.body)
            let rows = try #require(page["data"] as? [[String: Any]])
            #expect(rows.count == 1 && page["hasMore"] as? Bool == false)
            #expect(Set(rows[0].keys) == ["gmsfhm", "xm", "sjhm"])
            #expect(rows[0]["gmsfhm"] as? String == "330106********0018")
            #expect(rows[0]["xm"] as? String == "段**")
            #expect(rows[0]["sjhm"] as? String == "180****1999")
            // A subset of the granted fields on request.
            let one = try json(try await s.gateway.call("population-by-id", [("gmsfhm", "330106199001010018"), ("fields", "xm")]).body)
            #expect((one["data"] as? [[String: Any]])?.first.map { Set($0.keys) } == ["xm"])
            // A value that matches nothing, and injection attempts taken as plain values.
            for value in ["330106199001010019", "' OR '1'='1", "1; DROP TABLE grants; --", "%' OR 1=1 --"] {
                let miss = try await s.gateway.call("population-by-id", [("gmsfhm", value)])
                #expect(miss.status == .ok)
                #expect((try json(miss.body)["data"] as? [Any])?.isEmpty == true)
            }
            // The service's own description is generated.
            let doc = try json(try await client.execute(uri: "/api/v1/services/population-by-id/openapi.json", method: .get).body)
            #expect((doc["paths"] as? [String: Any])?["/gateway/population-by-id"] != nil)
            // The system lists what it may call.
            let callable = try json(try await client.execute(uri: "/api/v1/systems/\(s.cast.hrssSystem.id)/services", method: .get, headers: .bearer(s.cast.hrss)).body)
            #expect((callable["items"] as? [[String: Any]])?.count == 2)
            // A system without a grant lists none.
            let police = try await city.organization("市公安局")
            let ungranted = try #require(try await city.store.systems(organizationID: police.id).first)
            #expect(try await city.store.callableServices(systemID: ungranted.id).isEmpty)
            #expect(try await city.store.callableServices(systemID: s.cast.hrssSystem.id).map(\.draft.code).contains("population-by-id"))
        }
    }

    @Test func authorisationMatrix() async throws {
        try await TestCity.run { city, client in
            let s = try await GatewayScene.make(city, client)
            let id = [("gmsfhm", "330106199001010018")]
            let g = s.gateway
            // Authentication: no key, unknown key, wrong signature, stale timestamp, replayed nonce.
            try expectDenied(try await client.execute(uri: "/gateway/population-by-id?gmsfhm=330106199001010018", method: .get), .unauthorized)
            try expectDenied(try await GatewayClient(client: client, key: "ak_unknown", secret: g.secret).call("population-by-id", id), .unauthorized)
            try expectDenied(try await g.call("population-by-id", id, tamper: true), .unauthorized)
            try expectDenied(try await GatewayClient(client: client, key: g.key, secret: "not-the-secret").call("population-by-id", id), .unauthorized)
            try expectDenied(try await g.call("population-by-id", id, at: Date().addingTimeInterval(-400)), .unauthorized)
            try expectDenied(try await g.call("population-by-id", id, at: Date().addingTimeInterval(400)), .unauthorized)
            #expect(try await g.call("population-by-id", id, nonce: "n-1").status == .ok)
            try expectDenied(try await g.call("population-by-id", id, nonce: "n-1"), .unauthorized)
            // Fields and parameters outside the grant or the service.
            try expectDenied(try await g.call("population-by-id", id + [("fields", "csrq")]), .forbidden)
            try expectDenied(try await g.call("population-by-id", id + [("fields", "xm,xb")]), .forbidden)
            try expectDenied(try await g.call("population-by-id", id + [("xb", "1")]), .badRequest)
            try expectDenied(try await g.call("population-by-id", []), .badRequest)
            try expectDenied(try await g.call("no-such-service", id), .notFound)
            // No grant: another system of the same unit, and a system of another unit.
            for unit in ["市人力社保局", "市民政局"] {
                let org = try await city.organization(unit)
                let other = try #require(try await city.store.systems(organizationID: org.id).first { $0.id != s.cast.hrssSystem.id })
                let officer = try await city.store.createUser(UserInput(username: "officer-\(org.id)", displayName: "专员", password: "shuhui-demo", role: .officer, organizationID: org.id))
                let token = try await city.store.issueToken(for: officer.id, name: "t").secret
                let issued = try json(try await post(client, "/api/v1/systems/\(other.id)/credentials", token).body)
                let stranger = GatewayClient(client: client, key: try #require((issued["credential"] as? [String: Any])?["appKey"] as? String),
                                             secret: try #require(issued["secret"] as? String))
                try expectDenied(try await stranger.call("population-by-id", id), .forbidden)
                // Nor may another unit's officer issue keys for the granted system.
                if unit != "市人力社保局" { try expectDenied(try await post(client, "/api/v1/systems/\(s.cast.hrssSystem.id)/credentials", token), .forbidden) }
            }
            // A retired service.
            #expect(try await g.call("population-names", []).status == .ok)
            #expect(try await post(client, "/api/v1/services/population-names/retire", s.cast.police).status == .ok)
            try expectDenied(try await g.call("population-names", []), .gone)
            // An expired grant: the same call a year and a day later.
            let later = Date().addingTimeInterval(366 * 86_400 + 86_400)
            let future = Application(router: ShuhuiApp.router(store: city.store, clock: { later }))
            try await future.test(.router) { futureClient in
                let r = try await GatewayClient(client: futureClient, key: g.key, secret: g.secret).call("population-by-id", id, at: later)
                try expectDenied(r, .forbidden)
                #expect(String(buffer: r.body).contains("过期"))
            }
            // A revoked grant: refused on the very next call.
            try expectDenied(try await post(client, "/api/v1/sharing/grants/\(s.grantID)/revoke", s.cast.hrss, ["reason": "x"]), .forbidden)
            try expectDenied(try await post(client, "/api/v1/sharing/grants/\(s.grantID)/revoke", s.cast.policeApprover, ["reason": ""]), .unprocessableContent)
            #expect(try await post(client, "/api/v1/sharing/grants/\(s.grantID)/revoke", s.cast.policeApprover, ["reason": "业务已办结"]).status == .ok)
            let revoked = try await g.call("population-by-id", id)
            try expectDenied(revoked, .forbidden)
            #expect(String(buffer: revoked.body).contains("撤销"))
            // A disabled app key.
            let creds = try json(try await client.execute(uri: "/api/v1/systems/\(s.cast.hrssSystem.id)/credentials", method: .get, headers: .bearer(s.cast.hrss)).body)
            let credID = try #require((creds["items"] as? [[String: Any]])?.first?["id"] as? Int)
            #expect(try await client.execute(uri: "/api/v1/credentials/\(credID)", method: .delete, headers: .bearer(s.cast.hrss)).status == .noContent)
            try expectDenied(try await g.call("population-by-id", id), .unauthorized)
        }
    }

    @Test func overTheRateIsRefusedWithHeaders() async throws {
        try await TestCity.run { city, client in
            let s = try await GatewayScene.make(city, client, ratePerMinute: 5)
            var limited: TestResponse?
            for _ in 0..<12 {
                let r = try await s.gateway.call("population-by-id", [("gmsfhm", "330106199001010018")])
                if r.status == .tooManyRequests { limited = r; break }
                #expect(r.status == .ok)
            }
            let r = try #require(limited)
            try expectDenied(r, .tooManyRequests)
            #expect(r.headers[HTTPField.Name("X-RateLimit-Limit")!] == "5")
            #expect(r.headers[HTTPField.Name("X-RateLimit-Remaining")!] == "0")
            #expect(r.headers[.retryAfter] != nil)
        }
    }

    @Test func everyCallIsMeteredWithMaskedParameters() async throws {
        try await TestCity.run { city, client in
            let s = try await GatewayScene.make(city, client)
            let before = try await city.store.calls().total
            #expect(before == 0)
            var sent = 0
            for i in 0..<40 {
                // Half succeed, the rest are refused in different ways.
                let query = i % 4 == 3 ? [("gmsfhm", GatewayScene.people[0].0), ("xb", "1")] : [("gmsfhm", GatewayScene.people[i % 3].0)]
                _ = try await s.gateway.call("population-by-id", query, tamper: i % 4 == 2)
                sent += 1
            }
            async let concurrent: [HTTPResponse.Status] = withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<30 { group.addTask { try await s.gateway.call("population-by-id", [("gmsfhm", GatewayScene.people[i % 3].0)]).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(try await concurrent.allSatisfy { $0 == .ok })
            sent += 30
            let log = try await city.store.calls(page: PageRequest(limit: 500))
            #expect(log.total == sent)
            for entry in log.items {
                for p in GatewayScene.people { #expect(!entry.params.contains(p.0), "raw ID in \(entry.params)") }
            }
            #expect(log.items.contains { $0.status == 401 } && log.items.contains { $0.status == 400 })
            #expect(log.items.filter { $0.status == 200 }.allSatisfy { $0.grantID == Int64(s.grantID) && $0.rows == 1 && $0.systemID == s.cast.hrssSystem.id })
            // The daily counters agree with the log.
            let today = CalendarDate.today().description
            let totals = try await city.store.callTotals(from: today, through: today)
            #expect(totals.calls == sent)
            #expect(totals.failures == log.items.filter { $0.status >= 400 }.count)
            // The grant is in use, so it is not reported as unused.
            let unused = try json(try await client.execute(uri: "/api/v1/sharing/unused?days=1", method: .get, headers: .bearer(s.cast.admin)).body)
            #expect((unused["items"] as? [Any])?.isEmpty == true)
        }
    }
}
