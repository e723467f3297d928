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

/// A demo city on a fresh store (SQLite, or PostgreSQL when SHUHUI_TEST_DATABASE_URL is set)
/// with the application's router, tested in process without a socket.
struct TestCity {
    let store: Store
    let app: Application<RouterResponder<AppContext>>

    /// - Parameter others: also the open-data and one-window demo records (off for tests that
    ///   check city-wide figures from the activity they feed in).
    static func make(others: Bool = true) async throws -> TestCity {
        let store = try await Store.temporary()
        _ = try await DemoCity.load(into: store, activity: false, others: others)
        return TestCity(store: store, app: Application(router: ShuhuiApp.router(store: store)))
    }

    /// Runs `body` with a client, then closes the store.
    static func run(others: Bool = true, _ body: @Sendable (TestCity, any TestClientProtocol) async throws -> Void) async throws {
        let city = try await make(others: others)
        do {
            try await city.app.test(.router) { client in try await body(city, client) }
        } catch {
            await city.store.close()
            throw error
        }
        await city.store.close()
    }

    /// A bearer token for a demo account.
    func token(_ username: String) async throws -> String {
        let user = try #require(try await store.authenticate(username: username, password: username == "admin" ? "shuhui-admin" : "shuhui-demo"))
        return try await store.issueToken(for: user.id, name: "test").secret
    }

    func organization(_ shortName: String) async throws -> Organization {
        try #require(try await store.organizations().first { $0.shortName == shortName })
    }

    /// A resource provided by `unit`.
    func resource(of unit: String) async throws -> Resource {
        let org = try await organization(unit)
        return try #require(try await store.resources(providerID: org.id).first)
    }
}

extension HTTPFields {
    static func bearer(_ token: String, json: Bool = true) -> HTTPFields {
        var h: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { h[.contentType] = "application/json" }
        return h
    }
}

func json(_ buffer: ByteBuffer) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
}

func body(_ value: some Encodable) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONEncoder().encode(value))
}

func body(_ object: [String: Any]) throws -> ByteBuffer {
    ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
}

/// Asserts a problem+json response and returns its body.
@discardableResult
func expectProblem(_ response: TestResponse, _ status: HTTPResponse.Status, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true, sourceLocation: sourceLocation)
    let problem = try json(response.body)
    #expect(problem["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
    let messages = problem["messages"] as? [String: String]
    #expect(messages?["zh-CN"]?.isEmpty == false && messages?["en"]?.isEmpty == false, sourceLocation: sourceLocation)
    if let field {
        let errors = problem["errors"] as? [[String: Any]] ?? []
        #expect(errors.contains { ($0["field"] as? String) == field }, "expected an error naming \(field): \(errors)", sourceLocation: sourceLocation)
    }
    return problem
}
