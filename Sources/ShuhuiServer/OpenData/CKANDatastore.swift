import Foundation
import ShuhuiCore
import ShuhuiStore

/// `datastore_search` and `datastore_info` over a dataset's latest publication. Restricted
/// datasets answer only callers whose app key belongs to an approved applicant, masked.
enum CKANDatastore {
    typealias Context = CKANAPI.CKANContext

    static func dataset(_ p: CKANParams, _ c: Context, key: String = "resource_id") async throws -> OpenDataset {
        let id = try p.require(key).lowercased()
        for ds in try await c.store.openDatasets() where CKANDicts.formats.contains(where: { CKANDicts.resourceID(ds, $0.ext) == id }) || ds.uid == id {
            return ds
        }
        throw CKANError.notFound("Resource \"\(id)\" was not found.")
    }

    static func type(_ f: FieldType) -> String {
        switch f {
        case .string: "text"
        case .integer: "int"
        case .decimal: "numeric"
        case .date: "date"
        case .datetime: "timestamp"
        case .boolean: "bool"
        }
    }

    static func fieldInfo(_ f: Field) -> [String: Any] {
        ["id": f.code, "type": type(f.type), "info": ["label": f.name, "notes": f.summary]]
    }

    static func value(_ v: TypedValue?) -> Any {
        switch v {
        case nil: NSNull()
        case .text(let s)?, .date(let s)?: s
        case .datetime(let s)?: s.replacingOccurrences(of: " ", with: "T")
        case .integer(let i)?: i
        case .decimal(let d)?: d
        case .boolean(let b)?: b
        }
    }

    static func search(_ p: CKANParams, _ c: Context) async throws -> Any {
        let ds = try await dataset(p, c)
        let owner = try await OpenDataRoutes.developer(c.request, store: c.store)
        let reader = try await c.store.openReader(ds, developerID: owner?.developerID)
        guard (p.string("records_format") ?? "objects") == "objects" else { throw CKANError.validation("records_format", "only \"objects\" is supported") }
        var q = DatastoreQuery()
        q.limit = try p.int("limit", default: 100, max: 32000)
        q.offset = try p.int("offset", default: 0)
        if let filters = try p.object("filters") {
            for (k, v) in filters {
                switch v {
                case let a as [Any]: q.filters[k] = a.map { "\($0)" }
                case let s as String: q.filters[k] = [s]
                case let n as NSNumber: q.filters[k] = [n.stringValue]
                default: throw CKANError.validation("filters", "values must be strings, numbers or lists")
                }
            }
        }
        if let text = p.values["q"] as? String, text.hasPrefix("{") {
            for (k, v) in try p.object("q") ?? [:] { q.fieldText[k] = "\(v)" }
        } else if let byField = p.values["q"] as? [String: Any] {
            for (k, v) in byField { q.fieldText[k] = "\(v)" }
        } else {
            q.text = p.string("q")
        }
        q.fields = try p.list("fields")
        if let sort = try p.list("sort") {
            for part in sort where !part.isEmpty {
                let words = part.split(separator: " ").map(String.init)
                let dir = words.count > 1 ? words[1].lowercased() : "asc"
                guard words.count <= 2, dir == "asc" || dir == "desc" else { throw CKANError.validation("sort", "bad sort \"\(part)\"") }
                q.sort.append((words[0].trimmingCharacters(in: CharacterSet(charactersIn: "\"")), dir == "asc"))
            }
        }
        let result = try await reader.search(q)
        try await c.store.countOpenUsage(ds, .apiCall)
        let includeTotal = try p.bool("include_total", default: true)
        let resourceID = p.string("resource_id") ?? ""
        let path = "/api/3/action/datastore_search?resource_id=\(resourceID)"
        var out: [String: Any] = [
            "resource_id": resourceID, "records_format": "objects", "include_total": includeTotal,
            "fields": [["id": "_id", "type": "int"] as [String: Any]] + result.fields.map(fieldInfo),
            "records": result.records.map { rec in rec.mapValues(value) },
            "limit": q.limit, "offset": q.offset,
            "_links": ["start": path, "next": "\(path)&offset=\(q.offset + q.limit)"],
        ]
        if includeTotal {
            out["total"] = result.total
            out["total_was_estimated"] = false
        }
        return out
    }

    static func info(_ p: CKANParams, _ c: Context) async throws -> Any {
        let ds = try await dataset(p, c, key: p.string("id") != nil ? "id" : "resource_id")
        return [
            "meta": ["count": ds.latest.rowCount, "table_type": "BASE TABLE", "version": ds.latest.version,
                     "published": ISODates.ckan(ds.latest.publishedAt), "access": ds.access.rawValue] as [String: Any],
            "fields": ds.fields.map(fieldInfo),
            "schema": Dictionary(uniqueKeysWithValues: ds.fields.map { ($0.code, type($0.type)) }),
        ] as [String: Any]
    }
}
