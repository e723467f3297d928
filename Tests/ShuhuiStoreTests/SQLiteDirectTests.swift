import SQLiteNIO
@testable import ShuhuiStore
import Testing

/// The SQLite writer's bulk path steps a compiled INSERT on the connection's own handle.
@Suite struct SQLiteDirectTests {
    @Test func theConnectionsHandleIsReadableAndInsertsLandInItsTransaction() async throws {
        let conn = try await SQLiteConnection.open(storage: .memory)
        defer { Task { try? await conn.close() } }
        // If sqlite-nio's layout changes, bulk inserts fall back to multi-row statements; this
        // test says so before a benchmark does.
        let handle = try #require(SQLiteDirect.handle(of: conn))
        _ = try await conn.query("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, d REAL, s TEXT, z TEXT)")
        _ = try await conn.query("BEGIN")
        let keys = ["甲", "b", "", "d", "e"]
        try await SQLiteDirect.run {
            // Two rows a statement: two full groups and a remainder of one.
            try SQLiteDirect.insert(handle, count: keys.count, width: 5, perStatement: 2,
                                    sql: { SQLiteBulk.insertSQL("t", ["k", "n", "d", "s", "z"], rows: $0, upsert: false) }) { insert, i, offset in
                insert.bind(offset + 1, keys[i])
                insert.bind(offset + 2, Int64(i) - 1)
                insert.bind(offset + 3, 0.5 * Double(i))
                insert.bind(offset + 4, .text("身份证 \(i)"))
                insert.bindNull(offset + 5)
            }
        }
        // Uncommitted rows are visible to the connection's own statements: the same transaction.
        let rows = try await conn.query("SELECT k, n, d, s, z FROM t ORDER BY n")
        #expect(rows.map { $0.column("k")?.string } == keys)
        #expect(rows.map { $0.column("n")?.integer } == [-1, 0, 1, 2, 3])
        #expect(rows.map { $0.column("d")?.double } == [0, 0.5, 1, 1.5, 2])
        #expect(rows.map { $0.column("s")?.string } == (0..<5).map { "身份证 \($0)" })
        #expect(rows.allSatisfy { $0.column("z") == .null })
        _ = try await conn.query("ROLLBACK")
        #expect(try await conn.query("SELECT COUNT(*) AS n FROM t").first?.column("n")?.integer == 0)
    }

    @Test func aDuplicateKeyIsAUniqueViolationAndStopsTheChunk() async throws {
        let conn = try await SQLiteConnection.open(storage: .memory)
        defer { Task { try? await conn.close() } }
        let handle = try #require(SQLiteDirect.handle(of: conn))
        _ = try await conn.query("CREATE TABLE t (k TEXT PRIMARY KEY)")
        await #expect {
            try await SQLiteDirect.run {
                let insert = try SQLiteDirect.Insert(handle, sql: "INSERT INTO t (k) VALUES (?)")
                for key in ["a", "b", "a", "c"] {
                    insert.bind(1, key)
                    try insert.step()
                }
            }
        } throws: { error in
            ConstraintErrors.isUniqueViolation(error) && String(describing: error).contains("UNIQUE")
        }
        #expect(try await conn.query("SELECT k FROM t ORDER BY k").map { $0.column("k")?.string } == ["a", "b"])
        // A statement that does not compile is an error, not a crash.
        await #expect(throws: SQLiteDirectError.self) {
            try await SQLiteDirect.run { _ = try SQLiteDirect.Insert(handle, sql: "INSERT INTO nowhere VALUES (?)") }
        }
    }
}
