import Foundation
import ShuhuiCore
import SQLKit

/// The typed table that holds one catalog resource's records: a column per field (quoted,
/// so field codes may be SQL keywords), plus `_id`, `_key` (the primary-key values joined,
/// unique when the resource has a key), `_batch` and `_ingested_at`.
///
/// Created on the first batch and migrated when the catalog entry changes: a new field adds a
/// column; a type or key change on a table that already holds rows is refused, because it
/// would lose or reinterpret data.
enum DataTable {
    static func name(_ resourceID: Int64) -> String { "rd_\(resourceID)" }

    static func column(_ code: String) -> String { "\"\(code)\"" }

    static func sqlType(_ type: FieldType, _ dialect: SQLDialectKind) -> String {
        switch (type, dialect) {
        case (.integer, _), (.boolean, _): "BIGINT"
        case (.decimal, .sqlite): "REAL"
        case (.decimal, .postgres): "DOUBLE PRECISION"
        case (.string, _), (.date, _), (.datetime, _): "TEXT"
        }
    }

    /// The table's columns and their declared types, or nil when it does not exist yet.
    static func columns(_ db: any SQLDatabase, _ table: String, _ dialect: SQLDialectKind) async throws -> [String: String]? {
        let rows: [any SQLRow]
        switch dialect {
        case .sqlite:
            rows = try await db.raw("SELECT name AS column_name, type AS data_type FROM pragma_table_info(\(bind: table))").all()
        case .postgres:
            rows = try await db.raw("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema()").all()
        }
        if rows.isEmpty { return nil }
        var out: [String: String] = [:]
        for r in rows { out[try r.decode(column: "column_name", as: String.self)] = try r.decode(column: "data_type", as: String.self).uppercased() }
        return out
    }

    static func hasRows(_ db: any SQLDatabase, _ table: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS one FROM \(unsafeRaw: table) LIMIT 1").first() != nil
    }

    /// The columns a batch writes, in the order its writers bind them: the key, the batch, the
    /// time, then one per field.
    static func writtenColumns(_ fields: [Field]) -> [String] {
        ["_key", "_batch", "_ingested_at"] + fields.map { column($0.code) }
    }

    /// `ON CONFLICT (_key)` assignments of an upsert: everything but the key takes the new row's value.
    static func upsertAssignments(_ columns: [String]) -> String {
        columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    }

    /// Rows per multi-row statement of `width` binds each: within both engines' bind limits.
    static func rowsPerStatement(width: Int) -> Int { max(1, min(1000, 30_000 / width)) }

    /// The unique index on the record key, which upserts and the stored-key check rely on.
    static func createKeyIndex(_ db: any SQLDatabase, _ table: String) async throws {
        try await db.raw("CREATE UNIQUE INDEX IF NOT EXISTS \(unsafeRaw: table)_key ON \(unsafeRaw: table)(_key)").run()
    }

    static func dropKeyIndex(_ db: any SQLDatabase, _ table: String) async throws {
        try await db.raw("DROP INDEX IF EXISTS \(unsafeRaw: table)_key").run()
    }

    /// Creates the table for `resource`, or adds the columns its new fields need.
    static func ensure(_ db: any SQLDatabase, _ resource: Resource, _ dialect: SQLDialectKind) async throws {
        let table = name(resource.id)
        let hasKey = resource.draft.fields.contains(where: \.primaryKey)
        guard let existing = try await columns(db, table, dialect) else {
            let id = Migrator.render("{id}", dialect).replacingOccurrences(of: "id ", with: "_id ", options: [], range: nil)
            var defs = [id, "_key TEXT", "_batch BIGINT NOT NULL", "_ingested_at BIGINT NOT NULL"]
            defs += resource.draft.fields.map { "\(column($0.code)) \(sqlType($0.type, dialect))" }
            try await db.raw("CREATE TABLE \(unsafeRaw: table) (\(unsafeRaw: defs.joined(separator: ", ")))").run()
            if hasKey { try await createKeyIndex(db, table) }
            return
        }
        for f in resource.draft.fields where existing[f.code] == nil {
            try await db.raw("ALTER TABLE \(unsafeRaw: table) ADD COLUMN \(unsafeRaw: column(f.code)) \(unsafeRaw: sqlType(f.type, dialect))").run()
        }
    }

    /// Refuses a catalog change that would lose or reinterpret stored records.
    static func checkChange(_ db: any SQLDatabase, from old: Resource, to new: ResourceDraft, _ dialect: SQLDialectKind) async throws {
        let table = name(old.id)
        guard try await columns(db, table, dialect) != nil, try await hasRows(db, table) else { return }
        var issues: [FieldIssue] = []
        let before = Dictionary(old.draft.fields.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, f) in new.fields.enumerated() {
            if let b = before[f.code], b.type != f.type {
                issues.append(FieldIssue(field: "fields[\(i)].type", code: "type_change_with_data",
                    message: Localized(zh: "信息项“\(f.name)”已有数据，不能从\(Strings["type.\(b.type.rawValue)"].zh)改为\(Strings["type.\(f.type.rawValue)"].zh)；请新增信息项",
                                       en: "item “\(f.code)” already holds data; its type cannot change from \(b.type.rawValue) to \(f.type.rawValue) — add a new item instead")))
            }
        }
        let oldKey = old.draft.fields.filter(\.primaryKey).map(\.code), newKey = new.fields.filter(\.primaryKey).map(\.code)
        if oldKey != newKey {
            issues.append(FieldIssue(field: "fields", code: "key_change_with_data",
                message: Localized(zh: "资源已有数据，主键不能修改", en: "the resource already holds data; its primary key cannot change")))
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
    }
}
