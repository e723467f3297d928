import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

struct LoginInput: StrictInput {
    static var knownKeys: Set<String> { ["username", "password", "name"] }
    var username: String
    var password: String
    var name: String?
}

struct TokenInput: StrictInput {
    static var knownKeys: Set<String> { ["name", "expiresInDays"] }
    var name: String
    var expiresInDays: Int?
}

extension UserInput: StrictInput {
    static var knownKeys: Set<String> { ["username", "displayName", "password", "role", "organizationID"] }
}

/// Tokens and accounts: `/api/v1/auth/token`, `/api/v1/me`, `/api/v1/tokens`, `/api/v1/users`.
enum AccountAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .post, path: "/api/v1/auth/token", tag: "accounts", summary: "Exchange a username and password for a bearer token", authenticated: false, body: "LoginInput", response: "IssuedToken", status: 201)) { req, ctx in
            let input = try await JSONBody.decode(LoginInput.self, req, context: ctx)
            guard let user = try await store.authenticate(username: input.username, password: input.password) else {
                throw Problem(status: .unauthorized, kind: "unauthorized", titleKey: "problem.unauthorized", detail: Strings["login.failed"])
            }
            return try Reply.json(try await store.issueToken(for: user.id, name: input.name ?? "api"), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/me", tag: "accounts", summary: "Who the token belongs to", response: "Principal")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(PrincipalView(p))
        }
        api.add(.init(method: .get, path: "/api/v1/tokens", tag: "accounts", summary: "Your API tokens", response: "TokenList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.tokens(userID: p.userID)])
        }
        api.add(.init(method: .post, path: "/api/v1/tokens", tag: "accounts", summary: "Create an API token; the secret is shown once", body: "TokenInput", response: "IssuedToken", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(TokenInput.self, req, context: ctx)
            if let d = input.expiresInDays, !(1...3650).contains(d) {
                throw Problem.validation([FieldIssue(field: "expiresInDays", code: "out_of_range", message: Localized(zh: "应为 1–3650", en: "must be 1–3650"))])
            }
            let issued = try await store.issueToken(for: p.userID, name: input.name, lifetime: input.expiresInDays.map { TimeInterval($0) * 86400 })
            return try Reply.json(issued, status: .created)
        }
        api.add(.init(method: .delete, path: "/api/v1/tokens/{id}", tag: "accounts", summary: "Revoke one of your tokens", status: 204)) { _, ctx in
            let p = try ctx.requirePrincipal()
            guard try await store.revokeToken(id: try ctx.parameters.require("id", as: Int64.self), userID: p.userID) else {
                throw Problem.notFound("token")
            }
            return Reply.noContent()
        }
        api.add(.init(method: .get, path: "/api/v1/users", tag: "accounts", summary: "Every account (bureau administrators)", response: "UserList")) { _, ctx in
            try AccessPolicy.canManageUsers(try ctx.requirePrincipal())
            return try Reply.json(["items": try await store.users()])
        }
        api.add(.init(method: .post, path: "/api/v1/users", tag: "accounts", summary: "Create an account (bureau administrators)", body: "UserInput", response: "User", status: 201)) { req, ctx in
            try AccessPolicy.canManageUsers(try ctx.requirePrincipal())
            let input = try await JSONBody.decode(UserInput.self, req, context: ctx)
            return try Reply.json(try await store.createUser(input), status: .created)
        }
    }
}

/// The principal as the API shows it.
struct PrincipalView: Encodable {
    var userID: Int64
    var username: String
    var displayName: String
    var role: Role
    var organizationID: Int64?

    init(_ p: Principal) {
        userID = p.userID
        username = p.username
        displayName = p.displayName
        role = p.role
        organizationID = p.organizationID
    }
}
