import Foundation
import Logging
import ShuhuiCore
import SQLKit

/// Errors the store reports in domain terms; the server maps them to HTTP statuses.
public enum StoreError: Error, Sendable, Equatable {
    /// No record with that key.
    case notFound(String)
    /// A record with that unique value exists already (field, value).
    case duplicate(field: String, value: String)
    /// The input broke a rule; nothing was written.
    case invalid(ValidationFailure)
    /// The record cannot be removed while others point at it.
    case inUse(String)
    /// The record's state does not allow the change (e.g. answering a request already decided).
    case conflict(Localized)
}

/// The platform's records: one facade over the database, with one extension file per
/// capability (Organizations/, Catalog/, Accounts/ …).
public final class Store: Sendable {
    /// The connection pool.
    public let database: Database
    let logger: Logger
    /// bcrypt cost; tests lower it to keep the suite fast.
    let passwordCost: UInt8
    /// Gateway look-ups kept in memory (see ``GatewayCache``).
    let gatewayCache = GatewayCache()
    /// Gateway call metering (see ``CallMeter``).
    let callMeter: CallMeter

    /// Opens the database at `location`, and migrates it.
    public static func open(_ location: DatabaseLocation, logger: Logger, passwordCost: UInt8 = 11) async throws -> Store {
        let database = try await Database.open(location, logger: logger)
        let store = Store(database: database, logger: logger, passwordCost: passwordCost)
        let applied = try await Migrator.migrate(database)
        if !applied.isEmpty { logger.info("applied migrations", metadata: ["versions": "\(applied)"]) }
        return store
    }

    init(database: Database, logger: Logger, passwordCost: UInt8) {
        self.database = database
        self.logger = logger
        self.passwordCost = passwordCost
        self.callMeter = CallMeter(database: database)
    }

    /// Closes the connections.
    public func close() async { await database.close() }

    /// Whether the database answers, for `/healthz`.
    public func ping() async -> Bool {
        (try? await database.read { try await $0.raw("SELECT 1 AS one").first() }) != nil
    }

    /// Whether no unit is registered yet (a fresh database gets the demo city).
    public func isEmpty() async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM organizations") == 0
    }

    func count(_ sql: SQLQueryString) async throws -> Int {
        try await database.read { db in
            try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}

/// JSON helpers for the document columns.
enum JSONText {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension SQLRow {
    /// Decodes an optional column, treating SQL NULL as nil on both engines.
    func optional<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
        try decodeNil(column: column) ? nil : decode(column: column, as: T.self)
    }
}
