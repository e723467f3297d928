import Foundation
import ShuhuiCore
import SQLKit

/// Reads a publication's rows for one reader, masked as the policy says. Built only by
/// ``Store/openReader(_:publication:developerID:)``, which refuses restricted data to anyone
/// without an approved application, so holding a reader means the rows may be shown.
public struct OpenRowReader: Sendable {
    /// The dataset.
    public let dataset: OpenDataset
    /// The snapshot read.
    public let publication: OpenPublication
    /// The columns, in order.
    public let fields: [Field]
    let masks: [String: MaskKind]
    let masker: Masker
    let store: Store

    /// Whether `field` is shown as stored (so it may be filtered and sorted on).
    public func isClear(_ field: String) -> Bool { (masks[field] ?? MaskKind.none) == MaskKind.none }

    /// Calls `body` with successive chunks of masked rows in `_id` order, reading each chunk
    /// with a keyset query, so memory stays flat however large the snapshot is.
    public func forEachChunk(size: Int = 2000, _ body: ([[TypedValue?]]) async throws -> Void) async throws {
        let fields = self.fields
        var after: Int64 = Int64.min
        let table = Store.snapshotTable(publication.id)
        let cols = (["_id"] + fields.map { DataTable.column($0.code) }).joined(separator: ", ")
        while true {
            let from = after
            let (rows, last): ([[TypedValue?]], Int64?) = try await store.database.read { db in
                let raw = try await db.raw("SELECT \(unsafeRaw: cols) FROM \(unsafeRaw: table) WHERE _id > \(bind: from) ORDER BY _id LIMIT \(bind: size)").all()
                var out: [[TypedValue?]] = []
                out.reserveCapacity(raw.count)
                var last: Int64?
                for r in raw {
                    last = try r.decode(column: "_id", as: Int64.self)
                    out.append(try fields.map { try DataTable.read(r, $0) })
                }
                return (out, last)
            }
            guard let last else { return }
            try await body(rows.map(mask))
            if rows.count < size { return }
            after = last
        }
    }

    func mask(_ row: [TypedValue?]) -> [TypedValue?] {
        guard !masks.isEmpty else { return row }
        var out = row
        for (i, f) in fields.enumerated() { out[i] = masker.mask(row[i], masks[f.code] ?? .none) }
        return out
    }

    /// A `datastore_search`: exact filters, text search, column choice, sort and paging, with
    /// the total. Masked columns cannot be filtered, searched or sorted on (that would reveal
    /// what the mask hides).
    public func search(_ q: DatastoreQuery) async throws -> DatastoreResult {
        let byCode = Dictionary(fields.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var issues: [FieldIssue] = []
        func usable(_ code: String, _ param: String) -> Field? {
            if code == "_id" { return Field(name: "_id", code: "_id", type: .integer) }
            guard let f = byCode[code] else {
                issues.append(FieldIssue(field: param, code: "unknown_field", message: Localized(zh: "字段“\(code)”不存在", en: "field \"\(code)\" not in the table")))
                return nil
            }
            guard isClear(code) else {
                issues.append(FieldIssue(field: param, code: "masked_field", message: Localized(zh: "字段“\(code)”已脱敏，不能用于筛选或排序", en: "field \"\(code)\" is masked and cannot be filtered or sorted on")))
                return nil
            }
            return f
        }
        var conditions: [SQLQueryString] = []
        for (code, values) in q.filters.sorted(by: { $0.key < $1.key }) {
            guard let f = usable(code, "filters") else { continue }
            var alternatives: [SQLQueryString] = []
            for raw in values {
                if let v = TypedValue.parse(raw, as: f.type) {
                    alternatives.append("\(unsafeRaw: DataTable.column(f.code)) = \(bind: DataTable.bind(v, f.type))")
                }
            }
            conditions.append(alternatives.isEmpty ? "1 = 0" : "(\(alternatives.joined(separator: " OR ")))")
        }
        let textFields = fields.filter { $0.type != .integer && $0.type != .decimal && $0.type != .boolean && isClear($0.code) }
        if let text = q.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            for word in text.split(separator: " ") {
                let like = SearchPattern.contains(String(word))
                let any = textFields.map { f -> SQLQueryString in "LOWER(\(unsafeRaw: DataTable.column(f.code))) LIKE \(bind: like) ESCAPE '\\'" }
                conditions.append(any.isEmpty ? "1 = 0" : "(\(any.joined(separator: " OR ")))")
            }
        }
        for (code, text) in q.fieldText.sorted(by: { $0.key < $1.key }) {
            guard let f = usable(code, "q") else { continue }
            conditions.append("LOWER(\(unsafeRaw: DataTable.column(f.code))) LIKE \(bind: SearchPattern.contains(text)) ESCAPE '\\'")
        }
        var selected = fields
        if let names = q.fields {
            selected = []
            for n in names where n != "_id" {
                guard let f = byCode[n] else {
                    issues.append(FieldIssue(field: "fields", code: "unknown_field", message: Localized(zh: "字段“\(n)”不存在", en: "field \"\(n)\" not in the table")))
                    continue
                }
                selected.append(f)
            }
        }
        var order: [String] = []
        for (code, asc) in q.sort {
            guard usable(code, "sort") != nil else { continue }
            order.append("\(code == "_id" ? "_id" : DataTable.column(code)) \(asc ? "ASC" : "DESC")")
        }
        order.append("_id ASC")
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let table = Store.snapshotTable(publication.id)
        let filter = SQLQueryString.conjunction(conditions)
        let cols = (["_id"] + selected.map { DataTable.column($0.code) }).joined(separator: ", ")
        let chosen = selected, orderBy = order.joined(separator: ", "), limit = q.limit, offset = q.offset
        let (rows, total): ([[String: TypedValue?]], Int) = try await store.database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let raw = try await db.raw("SELECT \(unsafeRaw: cols) FROM \(unsafeRaw: table) \(filter) ORDER BY \(unsafeRaw: orderBy) LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            var out: [[String: TypedValue?]] = []
            for r in raw {
                var rec: [String: TypedValue?] = ["_id": .integer(try r.decode(column: "_id", as: Int64.self))]
                for f in chosen { rec[f.code] = try DataTable.read(r, f) }
                out.append(rec)
            }
            return (out, total)
        }
        let masked = rows.map { rec in
            var out = rec
            for f in selected { out[f.code] = masker.mask(rec[f.code] ?? nil, masks[f.code] ?? .none) }
            return out
        }
        return DatastoreResult(fields: selected, records: masked, total: total)
    }

    /// Row counts per value of `field` (the most frequent first), for the dataset page's chart.
    public func histogram(_ field: Field, top: Int = 8) async throws -> [(String, Int)] {
        guard isClear(field.code) else { return [] }
        let table = Store.snapshotTable(publication.id)
        let col = DataTable.column(field.code)
        return try await store.database.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: col) AS v, COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: col) IS NOT NULL
                GROUP BY \(unsafeRaw: col) ORDER BY COUNT(*) DESC, \(unsafeRaw: col) LIMIT \(bind: top)
                """).all().map { r in
                var column = field
                column.code = "v"
                let v = try DataTable.read(r, column)?.description ?? ""
                return (v, try r.decode(column: "n", as: Int.self))
            }
        }
    }
}

/// A `datastore_search` request, validated by the server.
public struct DatastoreQuery: Sendable {
    /// field → accepted values (a list means any of them).
    public var filters: [String: [String]] = [:]
    /// Full-text words over the clear text columns.
    public var text: String?
    /// Per-field text (CKAN's `q` as an object).
    public var fieldText: [String: String] = [:]
    /// Columns to return; nil = all.
    public var fields: [String]?
    /// Sort keys.
    public var sort: [(String, Bool)] = []
    /// Page size (1…32000).
    public var limit: Int = 100
    /// Rows skipped.
    public var offset: Int = 0

    /// Creates an empty query.
    public init() {}
}

/// A `datastore_search` answer.
public struct DatastoreResult: Sendable {
    /// The returned columns.
    public var fields: [Field]
    /// Rows with `_id`.
    public var records: [[String: TypedValue?]]
    /// Rows matching, regardless of paging.
    public var total: Int
}

extension Store {
    /// A reader for a publication (the latest by default), for the public (`developerID` nil)
    /// or a registered developer. Restricted data needs an approved application; its rows come
    /// masked with pseudonyms keyed per developer.
    public func openReader(_ dataset: OpenDataset, publication: OpenPublication? = nil, developerID: Int64?) async throws -> OpenRowReader {
        let pub = publication ?? dataset.latest
        let current = Set(dataset.fields.map(\.code))
        let fields = pub.fields.filter { current.contains($0.code) }
        var masks: [String: MaskKind] = [:]
        if dataset.access == .restricted {
            guard let developerID, try await hasApprovedApplication(datasetID: dataset.id, developerID: developerID) else {
                throw OpenDenial.restricted
            }
            masks = OpenPolicy.masks(dataset.resource.draft, fields: fields, access: .restricted)
        }
        // Developers' pseudonym keys live beside units' on the negative ids, so a developer and a
        // unit never share a key.
        let masker = try await masker(forUnit: -(developerID ?? 0) - 1)
        return OpenRowReader(dataset: dataset, publication: pub, fields: fields, masks: masks, masker: masker, store: self)
    }
}
