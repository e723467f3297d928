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
    let rows: RowBuffer
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
            let keys = closeOpenProblems ? rows.keys : []
            if !keys.isEmpty {
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
                for r in start..<min(start + per, rows.count) {
                    var binds: [any Encodable & Sendable] = [rows.text(r, 0), batchID, now]
                    binds += fields.enumerated().map { i, f in DataTable.bind(rows.value(r, field: i, as: f.type), f.type) }
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
/// rows on the writer's handle (`SQLiteDirect`). Where the handle cannot be read, multi-row
/// INSERTs with positional binds through sqlite-nio (SQLKit's serializer costs more than the
/// insert itself; see ANCHORS.md).
enum SQLiteBulk {
    /// Rows a compiled statement of the direct path inserts per step.
    static let directRows = 64

    static func insertSQL(_ table: String, _ columns: [String], rows: Int, upsert: Bool) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        var sql = "INSERT INTO \(table) (" + columns.joined(separator: ", ") + ") VALUES " + Array(repeating: tuple, count: rows).joined(separator: ",")
        if upsert { sql += " ON CONFLICT (_key) DO UPDATE SET " + DataTable.upsertAssignments(columns) }
        return sql
    }

    static func insert(_ conn: SQLiteConnection, table: String, fields: [Field], rows: RowBuffer, batch: Int64, at now: Int64, upsert: Bool) async throws {
        let columns = DataTable.writtenColumns(fields)
        if let handle = SQLiteDirect.handle(of: conn) {
            try await SQLiteDirect.run {
                try rows.bytes.withUnsafeBufferPointer { bytes in
                    try SQLiteDirect.insert(handle, count: rows.count, width: columns.count, perStatement: directRows,
                                            sql: { insertSQL(table, columns, rows: $0, upsert: upsert) }) { insert, r, offset in
                        insert.bind(offset + 1, rows.cell(r, 0), in: bytes)
                        insert.bind(offset + 2, batch)
                        insert.bind(offset + 3, now)
                        for c in 1..<rows.width { insert.bind(offset + Int32(c + 3), rows.cell(r, c), in: bytes) }
                    }
                }
            }
            return
        }
        let per = DataTable.rowsPerStatement(width: columns.count)
        for start in stride(from: 0, to: rows.count, by: per) {
            let slice = start..<min(start + per, rows.count)
            var binds: [SQLiteData] = []
            binds.reserveCapacity(slice.count * columns.count)
            for r in slice {
                binds.append(data(rows, r, 0))
                binds.append(.integer(Int(batch)))
                binds.append(.integer(Int(now)))
                for c in 1..<rows.width { binds.append(data(rows, r, c)) }
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

    static func data(_ rows: RowBuffer, _ r: Int, _ c: Int) -> SQLiteData {
        let cell = rows.cell(r, c)
        switch cell.kind {
        case .null: return .null
        case .text: return .text(rows.text(r, c) ?? "")
        case .integer: return .integer(Int(cell.payload))
        case .decimal: return .float(Double(bitPattern: UInt64(bitPattern: cell.payload)))
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

    static func copy(_ conn: PostgresConnection, table: String, fields: [Field], rows: RowBuffer, batch: Int64, at now: Int64) async throws {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(rows.bytes.count + rows.count * (rows.width + 2) * 8)
        let prefix = "\t\(batch)\t\(now)"
        rows.bytes.withUnsafeBufferPointer { bytes in
            for r in 0..<rows.count {
                write(rows.cell(r, 0), bytes, into: &buffer)
                buffer.writeString(prefix)
                for c in 1..<rows.width {
                    buffer.writeInteger(UInt8(ascii: "\t"))
                    write(rows.cell(r, c), bytes, into: &buffer)
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
            }
        }
        // copyFrom quotes the names itself.
        let columns = ["_key", "_batch", "_ingested_at"] + fields.map(\.code)
        try await conn.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(buffer)
        }
    }

    /// A cell in COPY text format: a boolean is its integer, 1 or 0, which COPY accepts.
    private static func write(_ cell: RowBuffer.Cell, _ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        switch cell.kind {
        case .null: buffer.writeStaticString("\\N")
        case .text: escape(UnsafeBufferPointer(rebasing: bytes[Int(cell.payload)..<Int(cell.payload) + Int(cell.length)]), into: &buffer)
        case .integer: buffer.writeString(String(cell.payload))
        case .decimal: buffer.writeString(String(Double(bitPattern: UInt64(bitPattern: cell.payload))))
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped.
    static func escape(_ s: String, into buffer: inout ByteBuffer) {
        var s = s
        s.withUTF8 { escape($0, into: &buffer) }
    }

    static func escape(_ b: UnsafeBufferPointer<UInt8>, into buffer: inout ByteBuffer) {
        if !b.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            buffer.writeBytes(b)
            return
        }
        for byte in b {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
