import Crypto
import Foundation
import ShuhuiCore
import SQLKit

/// Rows a gateway call returns, before masking.
public struct LookupResult: Sendable {
    public var rows: [[String: TypedValue?]]
    /// Whether more rows follow this page.
    public var hasMore: Bool
}

extension Store {
    /// The active credential behind an app key, or nil.
    public func gatewayCaller(appKey: String) async throws -> GatewayCaller? {
        try await gatewayCache.caller(appKey) {
            try await database.read { db in
                guard let row = try await db.raw("""
                    SELECT c.app_key, c.secret, c.system_id, s.organization_id FROM app_credentials c
                    JOIN information_systems s ON s.id = c.system_id WHERE c.app_key = \(bind: appKey) AND c.revoked_at IS NULL
                    """).first() else { return nil }
                return GatewayCaller(
                    appKey: appKey, systemID: try row.decode(column: "system_id", as: Int64.self),
                    organizationID: try row.decode(column: "organization_id", as: Int64.self),
                    secret: Array(try row.decode(column: "secret", as: String.self).utf8))
            }
        }
    }

    /// A service and the resource it serves, or nil when there is no such code.
    public func gatewayService(code: String) async throws -> (DataService, Resource)? {
        try await gatewayCache.service(code) {
            try await database.read { db in
                guard let s = try await db.raw("SELECT * FROM data_services WHERE code = \(bind: code)").first().map(Self.service) else { return nil }
                let r = try await db.raw("SELECT \(unsafeRaw: Self.resourceColumns) FROM resources WHERE id = \(bind: s.resourceID)").first()
                return (s, try Self.resource(try r.orThrow(.notFound("resource"))))
            }
        }
    }

    /// Every grant a system holds.
    public func gatewayGrants(systemID: Int64) async throws -> [Grant] {
        try await gatewayCache.grants(systemID) {
            try await database.read { db in
                try await db.raw("\(unsafeRaw: Self.grantSelect) WHERE g.system_id = \(bind: systemID)").all().map(Self.grant)
            }
        }
    }

    /// The masker for data shown to `unit`: pseudonyms are keyed per consuming unit, so two
    /// units cannot join their pseudonymised extracts, and the key never leaves the server.
    public func masker(forUnit unit: Int64) async throws -> Masker {
        let key = try await gatewayCache.unitKey(unit) {
            let master = try await maskMasterKey()
            return Array(HMAC<SHA256>.authenticationCode(for: Data("unit:\(unit)".utf8), using: SymmetricKey(data: master)))
        }
        return Masker { value in
            Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: key)).prefix(10))
        }
    }

    /// The platform's masking key: 32 random bytes made on first use and kept in the database.
    private func maskMasterKey() async throws -> [UInt8] {
        if let hex = try await setting("mask_key"), let bytes = Self.bytes(hex: hex) { return bytes }
        let fresh = RandomText.hex(32)
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("INSERT INTO platform_settings (name, value) VALUES ('mask_key', \(bind: fresh)) ON CONFLICT (name) DO NOTHING").run()
        }
        // Another writer may have won the race: read back what is stored.
        guard let stored = try await setting("mask_key"), let bytes = Self.bytes(hex: stored) else { throw StoreError.notFound("mask key") }
        return bytes
    }

    static func bytes(hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let b = UInt8(String(decoding: chars[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }

    /// Rows of `resource` whose fields equal the filters, in storage order. Values that are not
    /// of the field's type match nothing; every value is bound, never spliced into SQL.
    public func lookup(_ resource: Resource, fields: [String], filters: [String: String], limit: Int, offset: Int) async throws -> LookupResult {
        let byCode = Dictionary(resource.draft.fields.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var conditions: [SQLQueryString] = []
        for (code, raw) in filters.sorted(by: { $0.key < $1.key }) {
            guard let f = byCode[code] else { return LookupResult(rows: [], hasMore: false) }
            guard let value = TypedValue.parse(raw, as: f.type) else { return LookupResult(rows: [], hasMore: false) }
            conditions.append("\(unsafeRaw: DataTable.column(code)) = \(bind: DataTable.bind(value, f.type))")
        }
        let selected = fields.compactMap { byCode[$0] }
        let table = DataTable.name(resource.id)
        let columns = selected.map { DataTable.column($0.code) }.joined(separator: ", ")
        let dialect = database.dialect
        let filter = SQLQueryString.conjunction(conditions)
        return try await database.read { db in
            let rows: [any SQLRow]
            do {
                rows = try await db.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) \(filter) ORDER BY _id LIMIT \(bind: limit + 1) OFFSET \(bind: offset)").all()
            } catch {
                // No batch has arrived yet: the table does not exist, so there is nothing to find.
                if try await DataTable.columns(db, table, dialect) == nil { return LookupResult(rows: [], hasMore: false) }
                throw error
            }
            var out: [[String: TypedValue?]] = []
            out.reserveCapacity(min(rows.count, limit))
            for row in rows.prefix(limit) {
                var record: [String: TypedValue?] = [:]
                for f in selected { record[f.code] = try DataTable.read(row, f) }
                out.append(record)
            }
            return LookupResult(rows: out, hasMore: rows.count > limit)
        }
    }
}
