import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Which engine holds the data. Everything above the store speaks SQLKit and never asks,
/// except where the SQL text itself differs (identity columns, bulk paths).
public enum SQLDialectKind: String, Sendable {
    case sqlite
    case postgres
}

/// Where the data lives.
public enum DatabaseLocation: Sendable, Equatable {
    /// An SQLite file (created on first use).
    case sqlite(path: String)
    /// A PostgreSQL server, `postgres://user:password@host:port/database`.
    case postgres(url: String)
}

/// A leased driver connection, inside a transaction.
enum DriverConnection: Sendable {
    case sqlite(SQLiteConnection)
    case postgres(PostgresConnection)

    var sql: any SQLDatabase {
        switch self {
        case .sqlite(let c): c.sql()
        case .postgres(let c): c.sql()
        }
    }
}

/// Errors opening a database, worded for the operator.
public struct DatabaseConfigurationError: Error, CustomStringConvertible {
    public var description: String
}

/// The connection pool behind the store.
///
/// Writes run in a transaction on one connection; SQLite gets a single writer (SQLite allows
/// one writer at a time anyway; serialising in-process avoids `SQLITE_BUSY`) and a few WAL
/// readers, PostgreSQL a `PostgresClient` pool.
public final class Database: Sendable {
    /// The engine.
    public let dialect: SQLDialectKind
    let logger: Logger
    private let backend: Backend

    private enum Backend: Sendable {
        case sqlite(SQLitePool)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    /// Opens (and for SQLite creates) the database.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        switch location {
        case .sqlite(let path):
            let pool = try await SQLitePool.open(path: path, readers: 4, logger: logger)
            return Database(dialect: .sqlite, backend: .sqlite(pool), logger: logger)
        case .postgres(let url):
            let config = try Self.postgresConfiguration(url)
            let client = PostgresClient(configuration: config, backgroundLogger: logger)
            let task = Task { await client.run() }
            let db = Database(dialect: .postgres, backend: .postgres(client, task), logger: logger)
            // Fail early with a clear message when the server is not there.
            do {
                try await db.read { try await $0.raw("SELECT 1").run() }
            } catch {
                task.cancel()
                throw DatabaseConfigurationError(description: "cannot reach PostgreSQL at \(redacted(url)): \(String(reflecting: error))")
            }
            return db
        }
    }

    private init(dialect: SQLDialectKind, backend: Backend, logger: Logger) {
        self.dialect = dialect
        self.backend = backend
        self.logger = logger
    }

    /// Runs read-only work on any connection.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool):
            return try await pool.withReader { try await body($0.sql()) }
        case .postgres(let client, _):
            return try await client.withConnection { try await body($0.sql()) }
        }
    }

    /// Runs `body` in one transaction: everything it wrote commits together, or, if it throws,
    /// nothing does and the error is rethrown unchanged.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(driver: { try await body($0.sql) })
    }

    /// The same, with the driver's connection for bulk paths that bypass SQLKit (SQLite
    /// statements with positional binds, PostgreSQL COPY).
    func transaction<T: Sendable>(driver body: @Sendable (DriverConnection) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool):
            return try await pool.withWriter { conn in
                let driver = DriverConnection.sqlite(conn)
                return try await Self.inTransaction(driver.sql, begin: "BEGIN IMMEDIATE") { _ in try await body(driver) }
            }
        case .postgres(let client, _):
            return try await client.withConnection { conn in
                let driver = DriverConnection.postgres(conn)
                return try await Self.inTransaction(driver.sql, begin: "BEGIN") { _ in try await body(driver) }
            }
        }
    }

    private static func inTransaction<T>(
        _ db: any SQLDatabase, begin: String, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let value = try await body(db)
            try await db.raw("COMMIT").run()
            return value
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Closes every connection.
    public func close() async {
        switch backend {
        case .sqlite(let pool): await pool.close()
        case .postgres(_, let task): task.cancel()
        }
    }

    static func postgresConfiguration(_ url: String) throws -> PostgresClient.Configuration {
        guard let c = URLComponents(string: url), c.scheme == "postgres" || c.scheme == "postgresql",
            let host = c.host, !host.isEmpty
        else {
            throw DatabaseConfigurationError(description: "not a postgres:// URL: \(redacted(url))")
        }
        let database = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        var config = PostgresClient.Configuration(
            host: host, port: c.port ?? 5432, username: c.user ?? "postgres",
            password: c.password, database: database.isEmpty ? nil : database, tls: .disable)
        config.options.maximumConnections = 16
        return config
    }

    /// The URL with its password hidden, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "***"
        return c.string ?? url
    }
}
