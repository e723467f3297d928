import Crypto
import Foundation
import ShuhuiCore
import SQLKit

/// A consuming system's gateway credential (app key); the secret is shown once, at issue.
public struct AppCredential: Sendable, Encodable {
    public var id: Int64
    public var systemID: Int64
    public var appKey: String
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?
}

/// A new credential with its secret.
public struct IssuedCredential: Sendable, Encodable {
    public var credential: AppCredential
    /// The HMAC secret, base64url; stored for verification, never shown again.
    public var secret: String
}

/// Who a gateway call comes from, once its app key is known.
public struct GatewayCaller: Sendable {
    public var appKey: String
    public var systemID: Int64
    public var organizationID: Int64
    /// The HMAC key bytes.
    public var secret: [UInt8]
}

enum RandomText {
    /// `count` random bytes as base64url without padding.
    static func base64url(_ count: Int) -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hex(_ count: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return Hex.encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &g) })
    }
}

extension Store {
    static func credential(_ row: any SQLRow) throws -> AppCredential {
        AppCredential(
            id: try row.decode(column: "id", as: Int64.self), systemID: try row.decode(column: "system_id", as: Int64.self),
            appKey: try row.decode(column: "app_key", as: String.self), createdBy: try row.decode(column: "created_by", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            revokedAt: try row.optional("revoked_at", as: Int64.self).map(Clock.date))
    }

    /// Issues an app key and secret for one of the actor's unit's systems.
    public func issueCredential(systemID: Int64, by actor: Principal, now: Date = Date()) async throws -> IssuedCredential {
        let system = try await system(id: systemID)
        try AccessPolicy.canEdit(ownedBy: system.organizationID, actor)
        let key = "ak_" + RandomText.hex(12), secret = RandomText.base64url(32)
        let row = try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                INSERT INTO app_credentials (system_id, app_key, secret, created_by, created_at)
                VALUES (\(bind: systemID), \(bind: key), \(bind: secret), \(bind: actor.displayName), \(bind: Clock.millis(now)))
                RETURNING *
                """).first()
        }
        return IssuedCredential(credential: try Self.credential(try row.orThrow(.notFound("credential"))), secret: secret)
    }

    /// A system's credentials (without secrets).
    public func credentials(systemID: Int64) async throws -> [AppCredential] {
        try await database.read { db in
            try await db.raw("SELECT * FROM app_credentials WHERE system_id = \(bind: systemID) ORDER BY id").all().map(Self.credential)
        }
    }

    /// Disables an app key at once.
    public func revokeCredential(id: Int64, by actor: Principal, now: Date = Date()) async throws {
        let row = try await database.read { db in try await db.raw("SELECT * FROM app_credentials WHERE id = \(bind: id)").first() }
        let credential = try Self.credential(try row.orThrow(.notFound("credential \(id)")))
        let system = try await system(id: credential.systemID)
        try AccessPolicy.canEdit(ownedBy: system.organizationID, actor)
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("UPDATE app_credentials SET revoked_at = \(bind: Clock.millis(now)) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
        }
        gatewayCache.invalidate()
    }
}
