import Foundation

/// One difference between two versions of a catalog entry.
public struct CatalogChange: Sendable, Codable, Equatable {
    /// What happened to the path.
    public enum Kind: String, Sendable, Codable { case added, removed, changed }
    /// `name`, `grade`, `fields.sfzh`, `fields.sfzh.type` …
    public var path: String
    /// Added, removed or changed.
    public var kind: Kind
    /// Value before, as text.
    public var before: String?
    /// Value after, as text.
    public var after: String?

    /// Creates a change.
    public init(path: String, kind: Kind, before: String?, after: String?) {
        self.path = path
        self.kind = kind
        self.before = before
        self.after = after
    }
}

/// Compares versions of a resource's description, attribute by attribute and field by field
/// (fields matched by code), so a version list can say what each change did.
public enum CatalogDiff {
    /// The changes from `old` to `new`; empty when they are equal. A nil `old` means creation.
    public static func between(_ old: ResourceDraft?, _ new: ResourceDraft) -> [CatalogChange] {
        guard let old else { return [CatalogChange(path: "", kind: .added, before: nil, after: new.name)] }
        var out: [CatalogChange] = []
        var a = flatten(old), b = flatten(new)
        a["fields"] = nil
        b["fields"] = nil
        compare(a, b, prefix: "", into: &out)
        let oldFields = Dictionary(old.fields.map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x })
        let newFields = Dictionary(new.fields.map { ($0.code, $0) }, uniquingKeysWith: { x, _ in x })
        for f in old.fields where newFields[f.code] == nil {
            out.append(.init(path: "fields.\(f.code)", kind: .removed, before: f.name, after: nil))
        }
        for f in new.fields {
            guard let before = oldFields[f.code] else {
                out.append(.init(path: "fields.\(f.code)", kind: .added, before: nil, after: f.name))
                continue
            }
            compare(flatten(before), flatten(f), prefix: "fields.\(f.code).", into: &out)
        }
        return out
    }

    private static func compare(
        _ a: [String: String], _ b: [String: String], prefix: String, into out: inout [CatalogChange]
    ) {
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            let kind: CatalogChange.Kind = a[key] == nil ? .added : b[key] == nil ? .removed : .changed
            out.append(.init(path: prefix + key, kind: kind, before: a[key], after: b[key]))
        }
    }

    /// Encodes a value to a flat key → text map; nested arrays become JSON text.
    private static func flatten(_ value: some Encodable) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        var out: [String: String] = [:]
        for (key, v) in object {
            if v is NSNull { continue }
            if JSONSerialization.isValidJSONObject(v),
                let d = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]),
                let s = String(data: d, encoding: .utf8)
            {
                out[key] = s
            } else {
                out[key] = "\(v)"
            }
        }
        return out
    }
}
