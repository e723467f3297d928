import Foundation

/// A small RDF graph, written once and serialised as Turtle or JSON-LD, so both DCAT
/// documents say exactly the same thing.
public struct RDFGraph: Sendable {
    /// An object of a triple.
    public enum Term: Sendable, Equatable {
        /// An IRI, absolute or prefixed (`dcat:Dataset`).
        case iri(String)
        /// A language-tagged string.
        case text(String, lang: String)
        /// A typed literal; the datatype is a prefixed name such as `xsd:dateTime`.
        case typed(String, datatype: String)
        /// A plain string.
        case plain(String)
    }

    /// Prefix → namespace.
    public static let prefixes: [(String, String)] = [
        ("dcat", "http://www.w3.org/ns/dcat#"), ("dct", "http://purl.org/dc/terms/"), ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"), ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("vcard", "http://www.w3.org/2006/vcard/ns#"), ("hydra", "http://www.w3.org/ns/hydra/core#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("dcatap", "http://data.europa.eu/r5r/"),
    ]

    private(set) var order: [String] = []
    private(set) var nodes: [String: [(String, Term)]] = [:]

    /// Creates an empty graph.
    public init() {}

    /// Adds `subject predicate object`.
    public mutating func add(_ subject: String, _ predicate: String, _ object: Term) {
        if nodes[subject] == nil { order.append(subject) }
        nodes[subject, default: []].append((predicate, object))
    }

    /// Adds `subject a type`.
    public mutating func type(_ subject: String, _ type: String) { add(subject, "rdf:type", .iri(type)) }

    static func isPrefixed(_ iri: String) -> Bool {
        guard let colon = iri.firstIndex(of: ":") else { return false }
        let p = String(iri[..<colon])
        return prefixes.contains { $0.0 == p } && !iri[iri.index(after: colon)...].hasPrefix("//")
    }

    /// Turtle.
    public func turtle() -> String {
        var out = ""
        for (p, ns) in Self.prefixes { out += "@prefix \(p): <\(ns)> .\n" }
        for s in order {
            out += "\n<\(Self.iriEscape(s))>"
            let props = nodes[s] ?? []
            for (i, (p, o)) in props.enumerated() {
                out += (i == 0 ? " " : " ;\n    ") + (p == "rdf:type" ? "a" : p) + " " + turtle(o)
            }
            out += " .\n"
        }
        return out
    }

    private func turtle(_ t: Term) -> String {
        switch t {
        case .iri(let i): Self.isPrefixed(i) ? i : "<\(Self.iriEscape(i))>"
        case .text(let s, let lang): "\"\(Self.escape(s))\"@\(lang)"
        case .typed(let s, let dt): "\"\(Self.escape(s))\"^^\(dt)"
        case .plain(let s): "\"\(Self.escape(s))\""
        }
    }

    /// JSON-LD (a `@graph` with a prefix context).
    public func jsonLD(extra: [String: Any] = [:]) -> [String: Any] {
        var context: [String: Any] = [:]
        for (p, ns) in Self.prefixes { context[p] = ns }
        var graph: [[String: Any]] = []
        for s in order {
            var node: [String: Any] = ["@id": s]
            var types: [String] = []
            var props: [String: [Any]] = [:]
            for (p, o) in nodes[s] ?? [] {
                if p == "rdf:type", case .iri(let t) = o { types.append(t); continue }
                let value: Any = switch o {
                case .iri(let i): ["@id": i]
                case .text(let v, let lang): ["@value": v, "@language": lang]
                case .typed(let v, let dt): ["@value": v, "@type": dt]
                case .plain(let v): ["@value": v]
                }
                props[p, default: []].append(value)
            }
            if !types.isEmpty { node["@type"] = types }
            for (k, v) in props { node[k] = v }
            graph.append(node)
        }
        var doc: [String: Any] = ["@context": context, "@graph": graph]
        for (k, v) in extra { doc[k] = v }
        return doc
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 { out += String(format: "\\u%04X", ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// Percent-encodes characters Turtle forbids in IRIs.
    static func iriEscape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            if ch.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(ch) {
                out += String(format: "%%%02X", ch.value)
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
