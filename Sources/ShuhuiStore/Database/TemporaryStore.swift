import Foundation
import Logging
import SQLKit

extension Store {
    /// A fresh, empty store for tests and benchmarks: a new SQLite file in a temporary folder,
    /// or, when `SHUHUI_TEST_DATABASE_URL` names a PostgreSQL server, a new database on it,
    /// so tests can run in parallel on either engine.
    public static func temporary(logger: Logger = Logger(label: "shuhui.test")) async throws -> Store {
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        if let url = ProcessInfo.processInfo.environment["SHUHUI_TEST_DATABASE_URL"], !url.isEmpty {
            let admin = try await Database.open(.postgres(url: url), logger: logger)
            try await admin.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: "shuhui_t_\(id)")").run() }
            await admin.close()
            guard var c = URLComponents(string: url) else { throw DatabaseConfigurationError(description: "bad URL") }
            c.path = "/shuhui_t_\(id)"
            return try await Store.open(.postgres(url: c.string ?? url), logger: logger, passwordCost: 4)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shuhui-test-\(id)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try await Store.open(.sqlite(path: dir.appendingPathComponent("t.sqlite").path), logger: logger, passwordCost: 4)
    }
}
