import Logging
import NIOCore
import PostgresNIO
import ShuhuiCore
import SQLKit
import SQLiteNIO

/// One chunk of a batch written inside the batch's transaction: its good rows into the
/// resource's table, its problem rows into problem data, and the closing of problems the good
/// rows fixed. Built by `IngestSession.flush` and run while the next chunk is read, so
/// encoding and writing use the second core.
struct ChunkWrite: Sendable {
    let conn: DriverConnection
    let table: String
    let fields: [Field]
    let rows: [CheckedRecord]
    let problems: [IngestSession.ProblemRow]
    let batchID: Int64
    let resourceID: Int64
    let organizationID: Int64
    let upsert: Bool
    /// Whether earlier batches left open problems that good rows may close.
    let closeOpenProblems: Bool

    static let problemColumns = ["batch_id", "resource_id", "organization_id", "row_number", "record_key", "field", "rule", "dimension",
                                 "value", "message", "raw", "status", "created_at"]

    func run() async throws {
        let now = Clock.millis()
        // The problem records are built on another core while the rows are written.
        async let problemRecords = problems.isEmpty ? [] : problemRecords(now)
        if !rows.isEmpty {
            try await writeRows(now)
            let keys = rows.compactMap(\.key)
            if closeOpenProblems && !keys.isEmpty {
                // A good row closes the open problems its key had: the provider fixed and resubmitted it.
                try await conn.sql.raw("""
                    UPDATE problem_records SET status = 'closed', closed_at = \(bind: now), closed_by_batch = \(bind: batchID)
                    WHERE resource_id = \(bind: resourceID) AND status = 'open' AND record_key IN (\(binds: keys.map { $0 as any Encodable & Sendable }))
                    """).run()
            }
        }
        let records = await problemRecords
        guard !records.isEmpty else { return }
        switch conn {
        case .sqlite(let sqlite):
            try await SQLiteBulk.insert(sqlite, table: "problem_records", columns: Self.problemColumns, records: records)
        case .postgres(let pg):
            try await PostgresBulk.copy(pg, table: "problem_records", columns: Self.problemColumns, records: records)
        }
    }

    private func writeRows(_ now: Int64) async throws {
        switch conn {
        case .sqlite(let sqlite):
            try await SQLiteBulk.insert(sqlite, table: table, fields: fields, rows: rows, batch: batchID, at: now, upsert: upsert)
        case .postgres(let pg) where !upsert:
            try await PostgresBulk.copy(pg, table: table, fields: fields, rows: rows, batch: batchID, at: now)
        case .postgres:
            let columns = DataTable.writtenColumns(fields)
            let per = DataTable.rowsPerStatement(width: fields.count + 3)
            for start in stride(from: 0, to: rows.count, by: per) {
                var values: [SQLQueryString] = []
                for row in rows[start..<min(start + per, rows.count)] {
                    var binds: [any Encodable & Sendable] = [row.key, batchID, now]
                    binds += zip(row.values, fields).map { DataTable.bind($0, $1.type) }
                    values.append("(\(binds: binds))")
                }
                try await conn.sql.raw("""
                    INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values.joined(separator: ", "))
                    ON CONFLICT (_key) DO UPDATE SET \(unsafeRaw: DataTable.upsertAssignments(columns))
                    """).run()
            }
        }
    }

    /// Problem data, one record per failure, each carrying the whole submitted row as JSON.
    private func problemRecords(_ now: Int64) async -> [[SQLiteData]] {
        let order = fields.indices.sorted { fields[$0].code < fields[$1].code }
        var records: [[SQLiteData]] = []
        records.reserveCapacity(problems.count * 2)
        for p in problems {
            var w = JSONWriter(capacity: 256)
            w.object(sortedPairs: order.lazy.compactMap { i in i < p.raw.count ? p.raw[i].map { (fields[i].code, $0) } : nil })
            let raw = SQLiteData.text(w.text)
            for f in p.failures {
                var m = JSONWriter(capacity: 128)
                m.localized(f.message)
                records.append([.integer(Int(batchID)), .integer(Int(resourceID)), .integer(Int(organizationID)), .integer(p.line),
                                p.key.map(SQLiteData.text) ?? .null, f.field.map(SQLiteData.text) ?? .null, .text(f.rule), .text(f.dimension.rawValue),
                                f.value.map { .text(String($0.prefix(500))) } ?? .null, .text(m.text), raw, .text("open"), .integer(Int(now))])
            }
        }
        return records
    }
}

/// SQLite bulk path: a multi-row INSERT compiled once per chunk and stepped for every group of
/// rows on the writer's handle (`SQLiteDirect`); where the handle cannot be read, multi-row INSERTs with positional
/// binds through sqlite-nio (SQLKit's serializer costs more than the insert itself; see ANCHORS.md).
enum SQLiteBulk {
    /// Rows a compiled statement of the direct path inserts per step.
    static let directRows = 64

    static func insertSQL(_ table: String, _ columns: [String], rows: Int, upsert: Bool) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var sql = "INSERT INTO \(table) (" + columns.joined(separator: ", ") + ") VALUES " + Array(repeating: tuple, count: rows).joined(separator: ",")
        if upsert { sql += " ON CONFLICT (_key) DO UPDATE SET " + DataTable.upsertAssignments(columns) }
        return sql
    }

    static func insert(_ conn: SQLiteConnection, table: String, fields: [Field], rows: [CheckedRecord], batch: Int64, at now: Int64, upsert: Bool) async throws {
        let columns = DataTable.writtenColumns(fields)
        if let handle = SQLiteDirect.handle(of: conn) {
            try await SQLiteDirect.run {
                try SQLiteDirect.insert(handle, count: rows.count, width: columns.count, perStatement: directRows,
                                        sql: { insertSQL(table, columns, rows: $0, upsert: upsert) }) { insert, r, offset in
                    let row = rows[r]
                    if let key = row.key { insert.bind(offset + 1, key) } else { insert.bindNull(offset + 1) }
                    insert.bind(offset + 2, batch)
                    insert.bind(offset + 3, now)
                    for (i, v) in row.values.enumerated() {
                        let p = offset + Int32(i + 4)
                        switch v {
                        case nil: insert.bindNull(p)
                        case .text(let s)?, .date(let s)?, .datetime(let s)?: insert.bind(p, s)
                        case .integer(let n)?: insert.bind(p, n)
                        case .decimal(let d)?: insert.bind(p, d)
                        case .boolean(let b)?: insert.bind(p, Int64(b ? 1 : 0))
                        }
                    }
                }
            }
            return
        }
        let per = DataTable.rowsPerStatement(width: columns.count)
        for start in stride(from: 0, to: rows.count, by: per) {
            let slice = rows[start..<min(start + per, rows.count)]
            var binds: [SQLiteData] = []
            binds.reserveCapacity(slice.count * columns.count)
            for row in slice {
                binds.append(row.key.map(SQLiteData.text) ?? .null)
                binds.append(.integer(Int(batch)))
                binds.append(.integer(Int(now)))
                for v in row.values { binds.append(data(v)) }
            }
            try await conn.query(insertSQL(table, columns, rows: slice.count, upsert: upsert), binds) { _ in }
        }
    }

    /// Rows of values in column order.
    static func insert(_ conn: SQLiteConnection, table: String, columns: [String], records: [[SQLiteData]]) async throws {
        guard !records.isEmpty else { return }
        if let handle = SQLiteDirect.handle(of: conn) {
            try await SQLiteDirect.run {
                try SQLiteDirect.insert(handle, count: records.count, width: columns.count, perStatement: directRows,
                                        sql: { insertSQL(table, columns, rows: $0, upsert: false) }) { insert, r, offset in
                    for (i, v) in records[r].enumerated() { insert.bind(offset + Int32(i + 1), v) }
                }
            }
            return
        }
        let per = DataTable.rowsPerStatement(width: columns.count)
        for start in stride(from: 0, to: records.count, by: per) {
            let slice = records[start..<min(start + per, records.count)]
            try await conn.query(insertSQL(table, columns, rows: slice.count, upsert: false), slice.flatMap { $0 }) { _ in }
        }
    }

    static func data(_ v: TypedValue?) -> SQLiteData {
        switch v {
        case nil: .null
        case .text(let s)?, .date(let s)?, .datetime(let s)?: .text(s)
        case .integer(let i)?: .integer(Int(i))
        case .decimal(let d)?: .float(d)
        case .boolean(let b)?: .integer(b ? 1 : 0)
        }
    }
}

/// PostgreSQL bulk path: COPY … FROM STDIN in text format, as fast as `psql \copy`.
enum PostgresBulk {
    static let logger = Logger(label: "shuhui.copy")

    /// Rows of values in column order, as one COPY. Values are written as text, which COPY
    /// converts to the columns' types.
    static func copy(_ conn: PostgresConnection, table: String, columns: [String], records: [[SQLiteData]]) async throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(records.count * columns.count * 24)
        for r in records {
            for (i, v) in r.enumerated() {
                if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                switch v {
                case .null: buffer.writeStaticString("\\N")
                case .text(let s): escape(s, into: &buffer)
                case .integer(let n): buffer.writeString(String(n))
                case .float(let d): buffer.writeString(String(d))
                case .blob: buffer.writeStaticString("\\N")
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    static func copy(_ conn: PostgresConnection, table: String, fields: [Field], rows: [CheckedRecord], batch: Int64, at now: Int64) async throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.count * (fields.count + 3) * 16)
        let prefix = "\t\(batch)\t\(now)"
        for row in rows {
            if let key = row.key { escape(key, into: &buffer) } else { buffer.writeStaticString("\\N") }
            buffer.writeString(prefix)
            for v in row.values {
                buffer.writeInteger(UInt8(ascii: "\t"))
                switch v {
                case nil: buffer.writeStaticString("\\N")
                case .text(let s)?, .date(let s)?, .datetime(let s)?: escape(s, into: &buffer)
                case .integer(let i)?: buffer.writeString(String(i))
                case .decimal(let d)?: buffer.writeString(String(d))
                case .boolean(let b)?: buffer.writeStaticString(b ? "1" : "0")
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        // copyFrom quotes the names itself.
        let columns = ["_key", "_batch", "_ingested_at"] + fields.map(\.code)
        try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped.
    static func escape(_ s: String, into buffer: inout ByteBuffer) {
        let plain = s.utf8.withContiguousStorageIfAvailable { b in
            !b.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        }
        if plain == true {
            buffer.writeString(s)
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(b)
            }
        }
    }
}
