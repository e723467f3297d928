import Hummingbird
import HTTPTypes

/// One documented API operation. Routes are registered through ``APIRegistry`` only, so
/// the OpenAPI document is built from the same list the router serves and cannot drift.
struct APIOperation: Sendable {
    var method: HTTPRequest.Method
    /// Path in OpenAPI form, `/api/v1/resources/{code}` (Hummingbird reads `{code}` too).
    var path: String
    var tag: String
    var summary: String
    /// Whether a bearer token is required.
    var authenticated: Bool = true
    /// Whether the call is signed with a consuming system's app key instead (the gateway's
    /// `X-App-Key`, `X-Timestamp`, `X-Nonce`, `X-Signature`).
    var signed: Bool = false
    /// Query parameters: name → schema type.
    var query: [(String, String)] = []
    /// Schema name of the JSON body, or a media type for raw uploads.
    var body: String?
    /// Schema name of the success response, or a media type.
    var response: String?
    /// Success status.
    var status: Int = 200
}

/// Collects operations while registering their handlers.
final class APIRegistry: @unchecked Sendable {
    private(set) var operations: [APIOperation] = []
    let router: Router<AppContext>

    init(router: Router<AppContext>) { self.router = router }

    func add(_ op: APIOperation, _ handler: @escaping @Sendable (Request, AppContext) async throws -> Response) {
        operations.append(op)
        router.on(RouterPath(op.path), method: op.method, use: handler)
    }
}
