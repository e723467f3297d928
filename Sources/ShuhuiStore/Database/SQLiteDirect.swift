import NIOPosix
import ShuhuiCore
import SQLiteNIO
// sqlite-nio's vendored SQLite: the same copy of the library the connections run on (two
// copies in one process would each keep their own POSIX locks on the file).
import VaporCSQLite

/// The bulk path of the SQLite writer: a multi-row INSERT compiled once per chunk and stepped
/// for every group of rows, values bound straight from their bytes, on the writer's own handle
/// and inside its open transaction. sqlite-nio compiles every statement it runs and copies each
/// bound value through `SQLiteData` and a C string; bench/ingest measured that compiling and
/// binding at two thirds of the writer's time, stepping at one third.
///
/// sqlite-nio does not publish the handle; `handle(of:)` reads it by reflection and answers nil
/// when sqlite-nio's layout changes, and callers then take the sqlite-nio path. The writer is
/// leased by one task at a time and opened with `SQLITE_OPEN_FULLMUTEX`, so statements run here
/// never interleave with another task's.
enum SQLiteDirect {
    /// A connection's `sqlite3 *`, handed to the thread that runs its statements.
    struct Handle: @unchecked Sendable {
        let raw: OpaquePointer
    }

    /// The connection's handle, or nil when it cannot be read.
    static func handle(of conn: SQLiteConnection) -> Handle? {
        guard !conn.isClosed, let raw = Mirror(reflecting: conn).descendant("handle", "raw") else { return nil }
        return (raw as? OpaquePointer).map(Handle.init)
    }

    /// Runs `body` on the thread pool sqlite-nio's connections use, off Swift's cooperative threads.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Inserts `count` rows of `width` values: a statement of `perStatement` rows compiled once
    /// and stepped for each full group, a second one for the rest. `sql(n)` is the INSERT of `n`
    /// rows; `bind(insert, row, offset)` binds row `row` at parameters `offset + 1 …`. Several
    /// rows a statement: each run of an INSERT into an AUTOINCREMENT table also reads and writes
    /// its `sqlite_sequence` entry.
    static func insert(_ handle: Handle, count: Int, width: Int, perStatement: Int, sql: (Int) -> String,
                       bind: (Insert, Int, Int32) -> Void) throws {
        var insert: (rows: Int, statement: Insert)?
        var start = 0
        while start < count {
            let n = min(max(1, perStatement), count - start)
            if insert?.rows != n { insert = (n, try Insert(handle, sql: sql(n))) }
            let statement = insert!.statement
            for r in 0..<n { bind(statement, start + r, Int32(r * width)) }
            try statement.step()
            start += n
        }
    }

    /// A compiled statement, stepped once per set of binds.
    final class Insert {
        private let db: OpaquePointer
        private var stmt: OpaquePointer?

        init(_ handle: Handle, sql: String) throws {
            db = handle.raw
            let rc = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
            guard rc == SQLITE_OK, stmt != nil else { throw SQLiteDirectError(code: rc, db: db) }
        }

        deinit { sqlite_nio_sqlite3_finalize(stmt) }

        /// Binds parameter `i` (1-based) to `s`; SQLite copies the bytes.
        @inline(__always)
        func bind(_ i: Int32, _ s: String) {
            var s = s
            s.withUTF8 { bindText(i, $0) }
        }

        /// Binds parameter `i` to a buffered cell whose text lies in `bytes`.
        @inline(__always)
        func bind(_ i: Int32, _ cell: RowBuffer.Cell, in bytes: UnsafeBufferPointer<UInt8>) {
            switch cell.kind {
            case .null: bindNull(i)
            case .integer: bind(i, cell.payload)
            case .decimal: bind(i, Double(bitPattern: UInt64(bitPattern: cell.payload)))
            case .text: bindText(i, UnsafeBufferPointer(rebasing: bytes[Int(cell.payload)..<Int(cell.payload) + Int(cell.length)]))
            }
        }

        /// Binds parameter `i` to the UTF-8 text `b`; SQLite copies the bytes.
        @inline(__always)
        func bindText(_ i: Int32, _ b: UnsafeBufferPointer<UInt8>) {
            if let base = b.baseAddress, !b.isEmpty {
                _ = sqlite_nio_sqlite3_bind_text(stmt, i, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(b.count), sqliteTransient)
            } else {
                _ = sqlite_nio_sqlite3_bind_text(stmt, i, "", 0, sqliteTransient)
            }
        }

        @inline(__always)
        func bind(_ i: Int32, _ n: Int64) { _ = sqlite_nio_sqlite3_bind_int64(stmt, i, n) }

        @inline(__always)
        func bind(_ i: Int32, _ d: Double) { _ = sqlite_nio_sqlite3_bind_double(stmt, i, d) }

        @inline(__always)
        func bindNull(_ i: Int32) { _ = sqlite_nio_sqlite3_bind_null(stmt, i) }

        func bind(_ i: Int32, _ v: SQLiteData) {
            switch v {
            case .null: bindNull(i)
            case .text(let s): bind(i, s)
            case .integer(let n): bind(i, Int64(n))
            case .float(let d): bind(i, d)
            case .blob(let b):
                b.withUnsafeReadableBytes { p in
                    _ = sqlite_nio_sqlite3_bind_blob(stmt, i, p.baseAddress, Int32(p.count), sqliteTransient)
                }
            }
        }

        /// Inserts the bound row and clears the statement for the next.
        func step() throws {
            let rc = sqlite_nio_sqlite3_step(stmt)
            guard rc == SQLITE_DONE else {
                let error = SQLiteDirectError(code: rc, db: db)
                sqlite_nio_sqlite3_reset(stmt)
                throw error
            }
            sqlite_nio_sqlite3_reset(stmt)
        }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies a bound value before the bind returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A failure of a statement run through `SQLiteDirect`, with SQLite's extended result code.
struct SQLiteDirectError: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    init(code: Int32, db: OpaquePointer) {
        let extended = sqlite_nio_sqlite3_extended_errcode(db)
        self.code = extended & 0xff == code & 0xff ? extended : code
        message = sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "SQLite error \(code)"
    }

    /// A UNIQUE or PRIMARY KEY constraint failed (`SQLITE_CONSTRAINT_UNIQUE`, `_PRIMARYKEY`:
    /// macros Swift does not import).
    var isUniqueViolation: Bool { code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8) }

    var description: String { "SQLite error \(code): \(message)" }
}
