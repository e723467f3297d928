import Foundation

/// A parsed Solr-style query as CKAN's `package_search` takes in `q` and `fq`: terms,
/// `field:value`, quoted phrases, `-field:value` / `NOT`, `AND` / `OR` (adjacent clauses are
/// ANDed, as CKAN configures Solr), parentheses, `field:(a OR b)`, `field:*` and ranges
/// `field:[2024-01-01T00:00:00Z TO *]` (`{…}` exclusive; dates accept `NOW` and `NOW-7DAYS`).
public indirect enum SearchQuery: Sendable, Equatable {
    /// `*:*` or an empty query.
    case all
    /// A value: in `field`, or anywhere in the text when `field` is nil. A trailing `*` matches a prefix.
    case term(field: String?, value: String)
    /// `field:[lower TO upper]`; nil bounds are open.
    case range(field: String, lower: String?, upper: String?, inclusive: Bool)
    /// Negation.
    case not(SearchQuery)
    /// Every clause matches.
    case and([SearchQuery])
    /// Some clause matches.
    case or([SearchQuery])

    /// Parses `text`; an empty text is ``all``.
    public static func parse(_ text: String) throws(SearchQueryError) -> SearchQuery {
        var p = SearchQueryParser(Array(text))
        let q = try p.parseAll()
        return q
    }

    /// Whether `document` matches. Unknown fields are an error, as in Solr.
    public func matches(_ document: SearchDocument) throws(SearchQueryError) -> Bool {
        switch self {
        case .all: return true
        case .not(let q): return try !q.matches(document)
        case .and(let qs):
            for q in qs where try !q.matches(document) { return false }
            return true
        case .or(let qs):
            for q in qs where try q.matches(document) { return true }
            return false
        case .term(nil, let value):
            return document.text.contains(value.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "*")))
        case .term(let field?, let value):
            guard let v = document.fields[field] else { throw SearchQueryError("undefined field \(field)") }
            return v.matches(value)
        case .range(let field, let lower, let upper, let inclusive):
            guard let v = document.fields[field] else { throw SearchQueryError("undefined field \(field)") }
            return try v.inRange(lower, upper, inclusive: inclusive)
        }
    }
}

/// A bad `q`, `fq` or `sort`: CKAN answers these with 400 "Search Query Error".
public struct SearchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in Solr's terms.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A field value a query can test.
public enum SearchValue: Sendable, Equatable {
    /// Keyword values, matched whole and case-insensitively (names, tags, formats).
    case keywords([String])
    /// Free text, matched by substring (titles, descriptions).
    case text(String)
    /// An instant.
    case date(Date)
    /// A number.
    case number(Double)

    func matches(_ raw: String) -> Bool {
        let value = raw.lowercased()
        if value == "*" {
            switch self {
            case .keywords(let ks): return !ks.isEmpty
            case .text(let t): return !t.isEmpty
            default: return true
            }
        }
        let prefix = value.hasSuffix("*") ? String(value.dropLast()) : nil
        switch self {
        case .keywords(let ks):
            return ks.contains { k in
                let k = k.lowercased()
                return prefix.map { k.hasPrefix($0) } ?? (k == value)
            }
        case .text(let t): return t.lowercased().contains(prefix ?? value)
        case .date(let d): return SearchDates.parse(raw).map { $0 == d } ?? false
        case .number(let n): return Double(raw) == n
        }
    }

    func inRange(_ lower: String?, _ upper: String?, inclusive: Bool) throws(SearchQueryError) -> Bool {
        func cmp<T: Comparable>(_ v: T, _ lo: T?, _ hi: T?) -> Bool {
            if let lo, inclusive ? v < lo : v <= lo { return false }
            if let hi, inclusive ? v > hi : v >= hi { return false }
            return true
        }
        switch self {
        case .date(let d):
            var lo: Date?, hi: Date?
            if let lower { guard let x = SearchDates.parse(lower) else { throw SearchQueryError("invalid date \(lower)") }; lo = x }
            if let upper { guard let x = SearchDates.parse(upper) else { throw SearchQueryError("invalid date \(upper)") }; hi = x }
            return cmp(d, lo, hi)
        case .number(let n):
            var lo: Double?, hi: Double?
            if let lower { guard let x = Double(lower) else { throw SearchQueryError("invalid number \(lower)") }; lo = x }
            if let upper { guard let x = Double(upper) else { throw SearchQueryError("invalid number \(upper)") }; hi = x }
            return cmp(n, lo, hi)
        case .keywords(let ks): return ks.contains { cmp($0, lower, upper) }
        case .text(let t): return cmp(t, lower, upper)
        }
    }

    /// Orders two values of the same field for `sort`.
    static func less(_ a: SearchValue?, _ b: SearchValue?) -> Bool? {
        switch (a, b) {
        case (.date(let x)?, .date(let y)?): return x == y ? nil : x < y
        case (.number(let x)?, .number(let y)?): return x == y ? nil : x < y
        case (.text(let x)?, .text(let y)?): return x == y ? nil : x < y
        case (.keywords(let x)?, .keywords(let y)?):
            let l = x.first ?? "", r = y.first ?? ""
            return l == r ? nil : l < r
        case (nil, nil): return nil
        case (nil, _): return false
        case (_, nil): return true
        default: return nil
        }
    }
}

/// What a query is evaluated against: named fields and the text bare terms search.
public struct SearchDocument: Sendable {
    /// Field name → value.
    public var fields: [String: SearchValue]
    /// Lower-cased text for bare terms.
    public var text: String

    /// Creates a document; `text` is lower-cased here.
    public init(fields: [String: SearchValue], text: String) {
        self.fields = fields
        self.text = text.lowercased()
    }
}

/// A parsed `sort` parameter: `metadata_modified desc, id asc`.
public struct SearchSort: Sendable, Equatable {
    /// Field and direction pairs, most significant first.
    public var keys: [(field: String, ascending: Bool)]

    public static func == (a: SearchSort, b: SearchSort) -> Bool {
        a.keys.map(\.field) == b.keys.map(\.field) && a.keys.map(\.ascending) == b.keys.map(\.ascending)
    }

    /// Parses the parameter; each field must be one of `allowed` (`score` is accepted and
    /// means the default order).
    public static func parse(_ text: String, allowed: Set<String>) throws(SearchQueryError) -> SearchSort {
        var keys: [(field: String, ascending: Bool)] = []
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ").map(String.init)
            guard words.count == 2, ["asc", "desc"].contains(words[1].lowercased()) else {
                throw SearchQueryError("Can't determine a Sort Order (asc or desc) in sort spec '\(part.trimmingCharacters(in: .whitespaces))'")
            }
            if words[0] == "score" { continue }
            guard allowed.contains(words[0]) else { throw SearchQueryError("sort param field can't be found: \(words[0])") }
            keys.append((field: words[0], ascending: words[1].lowercased() == "asc"))
        }
        return SearchSort(keys: keys)
    }

    /// Whether `a` sorts before `b`; ties fall through to the next key.
    public func before(_ a: SearchDocument, _ b: SearchDocument) -> Bool? {
        for (field, asc) in keys {
            if let less = SearchValue.less(a.fields[field], b.fields[field]) { return asc ? less : !less }
        }
        return nil
    }
}

/// Dates in queries: ISO 8601 with or without `Z` and fractions, plain dates, `NOW`, `NOW-nDAY(S)`.
public enum SearchDates {
    /// Parses a query date.
    public static func parse(_ raw: String) -> Date? {
        var s = raw.uppercased()
        if s.hasPrefix("NOW") {
            var date = Date()
            s.removeFirst(3)
            if let slash = s.firstIndex(of: "/") { s = String(s[..<slash]) }
            if s.isEmpty { return date }
            let sign: Double = s.hasPrefix("-") ? -1 : 1
            s.removeFirst()
            let digits = s.prefix { $0.isNumber }
            guard let n = Double(digits) else { return nil }
            let unit = s.dropFirst(digits.count)
            let seconds: Double = switch unit {
            case "DAY", "DAYS": 86400
            case "HOUR", "HOURS": 3600
            case "MINUTE", "MINUTES": 60
            case "YEAR", "YEARS": 365 * 86400
            case "MONTH", "MONTHS": 30 * 86400
            default: -1
            }
            guard seconds > 0 else { return nil }
            date.addTimeInterval(sign * n * seconds)
            return date
        }
        return ISODates.parse(raw)
    }
}

/// ISO 8601 instants as CKAN writes and reads them (UTC; `2024-01-05T10:20:30.123456`).
public enum ISODates {
    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, optional fraction and `Z` / `+00:00`.
    public static func parse(_ raw: String) -> Date? {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix("Z") || s.hasSuffix("z") { s.removeLast() }
        if s.hasSuffix("+00:00") { s.removeLast(6) }
        let chars = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= chars.count else { return nil }
            var n = 0
            for c in chars[from..<(from + len)] {
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let y = num(0, 4), chars.count >= 10, chars[4] == 45, let mo = num(5, 2), chars[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var h = 0, mi = 0, sec = 0.0
        if chars.count > 10 {
            guard chars[10] == 84 || chars[10] == 32, let hh = num(11, 2), chars.count >= 16, chars[13] == 58, let mm = num(14, 2) else { return nil }
            h = hh; mi = mm
            if chars.count > 16 {
                guard chars[16] == 58, let ss = num(17, 2) else { return nil }
                sec = Double(ss)
                if chars.count > 19 {
                    guard chars[19] == 46, let frac = Double("0" + String(decoding: chars[19...], as: UTF8.self)) else { return nil }
                    sec += frac
                }
            }
            guard h < 24, mi < 60, sec < 61 else { return nil }
        }
        var c = DateComponents()
        c.year = y; c.month = mo; c.day = d; c.hour = h; c.minute = mi; c.second = Int(sec)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard let base = cal.date(from: c) else { return nil }
        return base.addingTimeInterval(sec - Double(Int(sec)))
    }

    /// CKAN's form: UTC without zone designator, microseconds.
    public static func ckan(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = Int64((Double(micros) / 1_000_000).rounded(.down))
        let fraction = micros - seconds * 1_000_000
        return stamp(Date(timeIntervalSince1970: Double(seconds))) + "." + String(format: "%06lld", fraction)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (xsd:dateTime).
    public static func xsd(_ date: Date) -> String {
        stamp(Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))) + "Z"
    }

    private static func stamp(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

/// Recursive-descent parser for ``SearchQuery``.
struct SearchQueryParser {
    let s: [Character]
    var i = 0

    init(_ s: [Character]) { self.s = s }

    static let special: Set<Character> = ["(", ")", "[", "]", "{", "}", "\""]

    mutating func parseAll() throws(SearchQueryError) -> SearchQuery {
        skipSpace()
        if i == s.count { return .all }
        let q = try parseOr(field: nil)
        skipSpace()
        if i < s.count { throw SearchQueryError("Cannot parse query: unexpected '\(s[i])' at \(i)") }
        return q
    }

    mutating func skipSpace() { while i < s.count, s[i].isWhitespace { i += 1 } }

    mutating func keyword(_ word: String) -> Bool {
        skipSpace()
        let w = Array(word)
        guard i + w.count <= s.count, Array(s[i..<(i + w.count)]) == w else { return false }
        let after = i + w.count
        guard after == s.count || s[after].isWhitespace || s[after] == "(" else { return false }
        i = after
        return true
    }

    mutating func keywordOr() -> Bool {
        if keyword("OR") { return true }
        return keyword("||")
    }

    mutating func keywordAnd() -> Bool {
        if keyword("AND") { return true }
        return keyword("&&")
    }

    mutating func parseOr(field: String?) throws(SearchQueryError) -> SearchQuery {
        var parts = [try parseAnd(field: field)]
        while keywordOr() { parts.append(try parseAnd(field: field)) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    mutating func parseAnd(field: String?) throws(SearchQueryError) -> SearchQuery {
        var parts = [try parseUnary(field: field)]
        while true {
            skipSpace()
            if i == s.count || s[i] == ")" { break }
            if keywordAnd() { parts.append(try parseUnary(field: field)); continue }
            let save = i
            if keywordOr() { i = save; break }
            parts.append(try parseUnary(field: field))
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    mutating func parseUnary(field: String?) throws(SearchQueryError) -> SearchQuery {
        skipSpace()
        guard i < s.count else { throw SearchQueryError("Cannot parse query: unexpected end") }
        if s[i] == "-" || s[i] == "!" { i += 1; return .not(try parseUnary(field: field)) }
        if s[i] == "+" { i += 1; return try parseUnary(field: field) }
        if keyword("NOT") { return .not(try parseUnary(field: field)) }
        return try parsePrimary(field: field)
    }

    mutating func parsePrimary(field: String?) throws(SearchQueryError) -> SearchQuery {
        skipSpace()
        if s[i] == "(" {
            i += 1
            let q = try parseOr(field: field)
            skipSpace()
            guard i < s.count, s[i] == ")" else { throw SearchQueryError("Cannot parse query: missing ')'") }
            i += 1
            return q
        }
        if s[i] == "[" || s[i] == "{" {
            guard let field else { throw SearchQueryError("Cannot parse query: a range needs a field") }
            return try parseRange(field: field)
        }
        if s[i] == "\"" { return .term(field: field, value: try quoted()) }
        // A word; `name:` makes it a field.
        let start = i
        while i < s.count, !s[i].isWhitespace, !Self.special.contains(s[i]), s[i] != ":" || field != nil {
            if s[i] == "\\", i + 1 < s.count { i += 1 }
            i += 1
        }
        let word = String(s[start..<i]).replacingOccurrences(of: "\\", with: "")
        if field == nil, i < s.count, s[i] == ":" {
            i += 1
            guard !word.isEmpty else { throw SearchQueryError("Cannot parse query: empty field name") }
            guard i < s.count, !s[i].isWhitespace else { throw SearchQueryError("Cannot parse query: no value for \(word)") }
            if word == "*" {
                // `*:*`
                _ = try parsePrimary(field: "*")
                return .all
            }
            return try parsePrimary(field: word)
        }
        guard !word.isEmpty else { throw SearchQueryError("Cannot parse query: unexpected '\(s[i])'") }
        if field == "*" { return .all }
        return .term(field: field, value: word)
    }

    mutating func quoted() throws(SearchQueryError) -> String {
        i += 1
        var out = ""
        while i < s.count, s[i] != "\"" {
            if s[i] == "\\", i + 1 < s.count { i += 1 }
            out.append(s[i])
            i += 1
        }
        guard i < s.count else { throw SearchQueryError("Cannot parse query: unclosed quote") }
        i += 1
        return out
    }

    mutating func parseRange(field: String) throws(SearchQueryError) -> SearchQuery {
        let inclusive = s[i] == "["
        i += 1
        func bound(_ p: inout SearchQueryParser) throws(SearchQueryError) -> String? {
            p.skipSpace()
            if p.i < p.s.count, p.s[p.i] == "\"" { return try p.quoted() }
            let start = p.i
            while p.i < p.s.count, !p.s[p.i].isWhitespace, p.s[p.i] != "]", p.s[p.i] != "}" { p.i += 1 }
            let w = String(p.s[start..<p.i])
            guard !w.isEmpty else { throw SearchQueryError("Cannot parse query: empty range bound") }
            return w == "*" ? nil : w
        }
        let lower = try bound(&self)
        guard keyword("TO") else { throw SearchQueryError("Cannot parse query: range without TO") }
        let upper = try bound(&self)
        skipSpace()
        guard i < s.count, s[i] == "]" || s[i] == "}" else { throw SearchQueryError("Cannot parse query: unclosed range") }
        i += 1
        return .range(field: field, lower: lower, upper: upper, inclusive: inclusive)
    }
}
