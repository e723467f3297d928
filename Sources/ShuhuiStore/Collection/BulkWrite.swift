import Logging
import NIOCore
import PostgresNIO
import ShuhuiCore
import SQLiteNIO

/// SQLite bulk path: one multi-row INSERT per chunk with positional binds, straight to
/// sqlite-nio (SQLKit's serializer costs more than the insert itself; see ANCHORS.md).
enum SQLiteBulk {
    static func insert(_ conn: SQLiteConnection, table: String, fields: [Field], rows: [CheckedRecord], batch: Int64, at now: Int64, upsert: Bool) async throws {
        let width = fields.count + 3
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        var sql = "INSERT INTO \(table) (_key, _batch, _ingested_at, " + fields.map { DataTable.column($0.code) }.joined(separator: ", ") + ") VALUES "
        sql += Array(repeating: tuple, count: rows.count).joined(separator: ",")
        if upsert {
            sql += " ON CONFLICT (_key) DO UPDATE SET " + (["_batch", "_ingested_at"] + fields.map { DataTable.column($0.code) })
                .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        }
        var binds: [SQLiteData] = []
        binds.reserveCapacity(rows.count * width)
        for row in rows {
            binds.append(row.key.map(SQLiteData.text) ?? .null)
            binds.append(.integer(Int(batch)))
            binds.append(.integer(Int(now)))
            for v in row.values { binds.append(data(v)) }
        }
        try await conn.query(sql, binds) { _ in }
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
