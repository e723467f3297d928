import Foundation

/// Relationships of an Open Packaging Conventions part (`_rels/*.rels`): how the workbook
/// finds its sheets and shared strings. Following them, rather than assuming
/// `xl/worksheets/sheet1.xml`, is what makes files from WPS, LibreOffice and generators read.
struct Relationships {
    /// One relationship.
    struct Entry {
        let id: String
        let type: String
        /// The target part's path inside the package, already resolved.
        let path: String
    }

    let entries: [Entry]

    /// The relationship with `id`.
    func entry(id: String) -> Entry? { entries.first { $0.id == id } }

    /// The first relationship whose type ends with `/kind` (transitional and strict OOXML
    /// use different prefixes for the same kinds).
    func first(kind: String) -> Entry? { entries.first { $0.type.hasSuffix("/" + kind) } }

    /// Parses the relationships of `source`, the part they belong to (empty for the package).
    static func parse(_ data: Data, source: String, part: String) throws(SpreadsheetError) -> Relationships {
        var parser = XMLPullParser(data, part: part)
        var entries: [Entry] = []
        while true {
            switch try parser.next() {
            case .start(name: "Relationship", let attributes):
                var values: [String: String] = [:]
                for attribute in attributes { values[attribute.name] = attribute.value }
                guard values["TargetMode"] != "External", let id = values["Id"], let target = values["Target"] else {
                    continue
                }
                entries.append(Entry(id: id, type: values["Type"] ?? "", path: resolve(target, from: source)))
            case .endOfDocument:
                return Relationships(entries: entries)
            default:
                continue
            }
        }
    }

    /// The path of the `.rels` part holding relationships of `source`.
    static func relsPath(for source: String) -> String {
        guard let slash = source.lastIndex(of: "/") else { return "_rels/\(source).rels" }
        return "\(source[..<slash])/_rels/\(source[source.index(after: slash)...]).rels"
    }

    /// Resolves `target` relative to the folder of `source`, or from the package root when
    /// it starts with `/`, removing `.` and `..` segments.
    static func resolve(_ target: String, from source: String) -> String {
        var segments: [Substring] = []
        if !target.hasPrefix("/"), let slash = source.lastIndex(of: "/") {
            segments = source[..<slash].split(separator: "/")
        }
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
