import Hummingbird
import Logging
import ShuhuiCore

/// Per-request state: who is asking and in which language they read.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated actor, set by ``AuthMiddleware``.
    public var principal: Principal?
    /// How the principal authenticated: a bearer token (API) or a session cookie (console).
    public var session: String?
    /// The reader's language.
    public var language: Language = .zh

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// JSON bodies are small; spreadsheet uploads read their own, larger limit.
    public var maxUploadSize: Int { 1 << 20 }

    /// The principal, or a 401 problem.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw Problem.unauthorized() }
        return principal
    }
}
