/// A small JSON writer for the hot paths (gateway pages, audit parameters), where Foundation's
/// `JSONEncoder` costs more than the rest of the call. It writes exactly what `JSONEncoder`
/// with `.sortedKeys` and `.withoutEscapingSlashes` would for the same values; callers pass
/// keys in sorted order.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A string literal with RFC 8259 escapes (control characters, quote, backslash).
    public mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x08: bytes.append(0x5C); bytes.append(0x62)
            case 0x0C: bytes.append(0x5C); bytes.append(0x66)
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }

    /// A stored value: strings and dates as strings, numbers and booleans bare, nil as null.
    public mutating func value(_ v: TypedValue?) {
        switch v {
        case nil: raw("null")
        case .text(let s), .date(let s), .datetime(let s): string(s)
        case .integer(let i): raw(String(i))
        case .decimal(let d): raw(String(d))
        case .boolean(let b): raw(b ? "true" : "false")
        }
    }

    /// An object of string values, keys sorted.
    public mutating func object(_ values: [String: String]) {
        object(sortedPairs: values.keys.sorted().lazy.map { ($0, values[$0] ?? "") })
    }

    /// An object of string values from key–value pairs the caller gives in sorted key order.
    public mutating func object(sortedPairs pairs: some Sequence<(String, String)>) {
        bytes.append(0x7B)
        var first = true
        for (key, value) in pairs {
            if !first { bytes.append(0x2C) }
            first = false
            string(key)
            bytes.append(0x3A)
            string(value)
        }
        bytes.append(0x7D)
    }

    /// A text in both languages, as `Localized` encodes itself: `{"en":…,"zh-CN":…}`.
    public mutating func localized(_ l: Localized) {
        raw("{\"en\":")
        string(l.en)
        raw(",\"zh-CN\":")
        string(l.zh)
        bytes.append(0x7D)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
