import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix
import ShuhuiCore
import SQLKit

/// A user account as shown to administrators (never the password hash).
public struct User: Sendable, Codable, Equatable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var role: Role
    public var organizationID: Int64?
    public var active: Bool
    public var createdAt: Date

    /// The principal this user acts as.
    public var principal: Principal {
        Principal(userID: id, username: username, displayName: displayName, role: role, organizationID: organizationID)
    }
}

/// What an administrator sends to create an account.
public struct UserInput: Sendable, Codable, Equatable {
    public var username: String
    public var displayName: String?
    public var password: String
    public var role: Role
    public var organizationID: Int64?

    /// Creates an input.
    public init(username: String, displayName: String? = nil, password: String, role: Role, organizationID: Int64? = nil) {
        self.username = username
        self.displayName = displayName
        self.password = password
        self.role = role
        self.organizationID = organizationID
    }

    func validate() throws(StoreError) {
        var issues: [FieldIssue] = []
        let okChars = username.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        if !(3...32).contains(username.count) || !okChars { issues.append(FieldIssue(field: "username", code: "invalid_username", message: Strings["v.username"])) }
        if password.count < 8 { issues.append(FieldIssue(field: "password", code: "weak_password", message: Strings["v.password"])) }
        if role.needsOrganization && organizationID == nil { issues.append(FieldIssue(field: "organizationID", code: "required", message: Strings["v.roleNeedsUnit"])) }
        if !issues.isEmpty { throw .invalid(ValidationFailure(issues)) }
    }
}

/// An API token as listed (the secret itself is shown once, at creation).
public struct APIToken: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?
}

/// A newly issued token with its secret.
public struct IssuedToken: Sendable, Codable {
    public var token: APIToken
    /// The bearer secret; stored only as a SHA-256 hash.
    public var secret: String
}

extension Store {
    static let userColumns = "id, username, display_name, role, organization_id, active, created_at"

    static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: Int64.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .queryUser,
            organizationID: try row.optional("organization_id", as: Int64.self),
            active: try row.decode(column: "active", as: Int.self) != 0,
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    /// Creates an account; the password is hashed with bcrypt off the event loops.
    public func createUser(_ input: UserInput) async throws -> User {
        try input.validate()
        let hash = try await hashPassword(input.password)
        return try await database.transaction { db in
            if try await db.raw("SELECT id FROM users WHERE username = \(bind: input.username)").first() != nil {
                throw StoreError.duplicate(field: "username", value: input.username)
            }
            if let org = input.organizationID, try await db.raw("SELECT id FROM organizations WHERE id = \(bind: org)").first() == nil {
                throw StoreError.invalid(ValidationFailure(field: "organizationID", code: "unknown_organization", message: Strings.format("v.unknownProvider", ["value": String(org)])))
            }
            let row = try await db.raw("""
                INSERT INTO users (username, display_name, password_hash, role, organization_id, active, created_at)
                VALUES (\(bind: input.username), \(bind: input.displayName ?? input.username), \(bind: hash), \(bind: input.role.rawValue),
                        \(bind: input.organizationID), 1, \(bind: Clock.millis()))
                RETURNING \(unsafeRaw: Self.userColumns)
                """).first()
            return try Self.user(row.orThrow(.notFound("user")))
        }
    }

    /// Every account.
    public func users() async throws -> [User] {
        try await database.read { db in try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users ORDER BY id").all().map(Self.user) }
    }

    /// Checks a username and password; nil when either is wrong or the account is disabled.
    public func authenticate(username: String, password: String) async throws -> User? {
        let row = try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.userColumns), password_hash FROM users WHERE username = \(bind: username)").first()
        }
        guard let row else {
            // Spend the same time as a real check so usernames can't be probed by timing.
            _ = try await verifyPassword(password, hash: Self.dummyHash)
            return nil
        }
        let user = try Self.user(row)
        guard try await verifyPassword(password, hash: try row.decode(column: "password_hash", as: String.self)), user.active else { return nil }
        return user
    }

    /// Issues a bearer token (kind `api`) or a console session (kind `session`).
    public func issueToken(for userID: Int64, name: String, kind: String = "api", lifetime: TimeInterval? = nil) async throws -> IssuedToken {
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let secret = (kind == "session" ? "shs_" : "shh_") + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let now = Clock.millis()
        let expires = lifetime.map { now + Int64($0 * 1000) }
        let row = try await database.transaction { db in
            try await db.raw("""
                INSERT INTO api_tokens (user_id, kind, name, token_hash, prefix, created_at, expires_at)
                VALUES (\(bind: userID), \(bind: kind), \(bind: name), \(bind: Self.digest(secret)), \(bind: String(secret.prefix(10))), \(bind: now), \(bind: expires))
                RETURNING id, name, prefix, created_at, expires_at, revoked_at, last_used_at
                """).first()
        }
        return IssuedToken(token: try Self.token(row.orThrow(.notFound("token"))), secret: secret)
    }

    /// The active user a bearer secret belongs to, or nil if unknown, expired or revoked.
    public func principal(forToken secret: String) async throws -> Principal? {
        let hash = Self.digest(secret)
        let now = Clock.millis()
        let row = try await database.read { db in
            try await db.raw("""
                SELECT t.id AS token_id, t.last_used_at, u.id, u.username, u.display_name, u.role, u.organization_id, u.active, u.created_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > \(bind: now)) AND u.active = 1
                """).first()
        }
        guard let row else { return nil }
        // Record use at most once a minute, so reads don't turn into writes on every request.
        let last = try row.optional("last_used_at", as: Int64.self) ?? 0
        if now - last > 60_000 {
            let id = try row.decode(column: "token_id", as: Int64.self)
            try await database.transaction { db in try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: id)").run() }
        }
        return try Self.user(row).principal
    }

    /// The user's API tokens (not sessions).
    public func tokens(userID: Int64) async throws -> [APIToken] {
        try await database.read { db in
            try await db.raw("""
                SELECT id, name, prefix, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
                WHERE user_id = \(bind: userID) AND kind = 'api' ORDER BY id DESC
                """).all().map(Self.token)
        }
    }

    /// Revokes one of the user's tokens. Returns false if it is not theirs.
    @discardableResult
    public func revokeToken(id: Int64, userID: Int64) async throws -> Bool {
        try await database.transaction { db in
            let row = try await db.raw("""
                UPDATE api_tokens SET revoked_at = \(bind: Clock.millis())
                WHERE id = \(bind: id) AND user_id = \(bind: userID) AND revoked_at IS NULL RETURNING id
                """).first()
            return row != nil
        }
    }

    /// Ends a console session.
    public func revokeSession(secret: String) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: Clock.millis()) WHERE token_hash = \(bind: Self.digest(secret))").run()
        }
    }

    static func token(_ row: any SQLRow) throws -> APIToken {
        APIToken(
            id: try row.decode(column: "id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            prefix: try row.decode(column: "prefix", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            expiresAt: try row.optional("expires_at", as: Int64.self).map(Clock.date),
            revokedAt: try row.optional("revoked_at", as: Int64.self).map(Clock.date),
            lastUsedAt: try row.optional("last_used_at", as: Int64.self).map(Clock.date))
    }

    static func digest(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }

    static let dummyHash = Bcrypt.hash("not-a-real-password", cost: 4)

    func hashPassword(_ password: String) async throws -> String {
        let cost = passwordCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
