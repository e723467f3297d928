import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Finds the principal: a bearer token for the API, the session cookie for the console.
/// It never refuses a request itself; handlers ask `requirePrincipal()`, so the public pages
/// and health checks need no exceptions list.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let store: Store
    static let sessionCookie = "shuhui_session"

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        // The open portal (CKAN API, downloads) reads developer app keys from Authorization itself.
        if let header = request.headers[.authorization], !OpenDataRoutes.readsOwnAuthorization(request.uri.path) {
            guard header.lowercased().hasPrefix("bearer "), let p = try await store.principal(forToken: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
                throw Problem.unauthorized()
            }
            context.principal = p
        } else if !request.uri.path.hasPrefix("/api/"), let cookie = request.cookies[Self.sessionCookie]?.value,
            let p = try await store.principal(forToken: cookie)
        {
            // Cookies authenticate console pages only, so a cross-site form can't drive the API.
            context.principal = p
            context.session = cookie
        }
        return try await next(request, context)
    }
}
