import Foundation
import ShuhuiCore
import HummingbirdTesting
import HTTPTypes
import NIOCore
import NIOFoundationCompat
import ShuhuiServer
import Testing

@Suite struct PlatformTests {
    @Test func healthAndMetrics() async throws {
        try await TestCity.run { _, client in
            let health = try json(try await client.execute(uri: "/healthz", method: .get).body)
            #expect(health["status"] as? String == "ok")
            _ = try await client.execute(uri: "/api/v1/resources", method: .get)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains("hb_requests") || metrics.contains("http"))
        }
    }

    @Test func openAPIDescribesEveryRoute() async throws {
        try await TestCity.run { city, client in
            let doc = try json(try await client.execute(uri: "/openapi.json", method: .get).body)
            #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let token = try await city.token("admin")
            for (path, operations) in paths {
                for (method, op) in operations {
                    // Every $ref resolves.
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: op), as: UTF8.self)
                    for ref in text.matches(of: /#\/components\/schemas\/([A-Za-z]+)/) { #expect(schemas[String(ref.1)] != nil, "\(ref.1)") }
                    // And every documented route is served: probing it never gives 404 "route" or 405.
                    let concrete = path.replacingOccurrences(of: "{code}", with: "101001-00001").replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{version}", with: "1")
                    let r = try await client.execute(uri: concrete, method: HTTPRequest.Method(method.uppercased())!, headers: .bearer(token), body: ByteBuffer(string: "{}"))
                    #expect(r.status != .methodNotAllowed && r.status != .internalServerError, "\(method) \(path): \(r.status)")
                    if r.status == .notFound { #expect(String(buffer: r.body).contains("route") == false, "\(method) \(path) is not routed") }
                }
            }
            #expect(paths["/api/v1/resources/{code}"]?["put"] != nil)
            // The routes consuming systems call with a signed app key are described too.
            for (path, method) in [("/gateway/{service}", "get"), ("/gateway/one-window/cases", "post")] {
                let op = try #require(paths[path]?[method] as? [String: Any], "\(path)")
                #expect((op["security"] as? [[String: [String]]])?.first?["appKey"] != nil, "\(path)")
                let headers = (op["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "header" }.compactMap { $0["name"] as? String }
                #expect(Set(headers) == ["X-Timestamp", "X-Nonce", "X-Signature"], "\(path)")
            }
            #expect(paths.count >= 15)
        }
    }
}
