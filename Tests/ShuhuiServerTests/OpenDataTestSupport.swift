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

/// Calls a CKAN action by GET (query items) or POST (JSON body) and returns status and body.
func ckan(_ client: any TestClientProtocol, _ action: String, get query: [String: String] = [:], prefix: String = "/api/3/action",
          headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, [String: Any]) {
    var c = URLComponents()
    c.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
    let q = query.isEmpty ? "" : (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    let r = try await client.execute(uri: "\(prefix)/\(action)\(q.isEmpty ? "" : "?" + q)", method: .get, headers: headers, body: nil)
    #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
    return (r.status, try json(r.body))
}

func ckan(_ client: any TestClientProtocol, _ action: String, post object: [String: Any], prefix: String = "/api/action",
          headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, [String: Any]) {
    var h = headers
    h[.contentType] = "application/json"
    let r = try await client.execute(uri: "\(prefix)/\(action)", method: .post, headers: h, body: try body(object))
    return (r.status, try json(r.body))
}

/// The result of a successful CKAN call (checks the envelope).
func ckanResult(_ answer: (HTTPResponse.Status, [String: Any]), sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
    #expect(answer.0 == .ok, "\(answer.1)", sourceLocation: sourceLocation)
    #expect(answer.1["success"] as? Bool == true, sourceLocation: sourceLocation)
    #expect((answer.1["help"] as? String)?.contains("/api/3/action/help_show?name=") == true, sourceLocation: sourceLocation)
    return try #require(answer.1["result"], sourceLocation: sourceLocation)
}

/// Asserts a CKAN error envelope of `type` with `status`.
func ckanError(_ answer: (HTTPResponse.Status, [String: Any]), _ status: HTTPResponse.Status, _ type: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(answer.0 == status, "\(answer.1)", sourceLocation: sourceLocation)
    #expect(answer.1["success"] as? Bool == false, sourceLocation: sourceLocation)
    let error = answer.1["error"] as? [String: Any]
    #expect(error?["__type"] as? String == type, "\(answer.1)", sourceLocation: sourceLocation)
    #expect((error?["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(answer.1["result"] == nil, sourceLocation: sourceLocation)
}

/// Registers a developer through the API and returns its app key.
func registerDeveloper(_ client: any TestClientProtocol, email: String) async throws -> String {
    let r = try await client.execute(uri: "/api/v1/open/developers", method: .post, headers: [.contentType: "application/json"],
                                     body: try body(["kind": "person", "name": "测试开发者", "email": email]))
    #expect(r.status == .created, "\(String(buffer: r.body))")
    let key = try #require((try json(r.body)["appKey"] as? [String: Any])?["secret"] as? String)
    return key
}

func text(_ client: any TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String) {
    let r = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    return (r.status, String(buffer: r.body))
}
