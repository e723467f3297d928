import Foundation

/// One JSON object read from a stream: a record whose values are all scalars.
public struct StreamObject: Sendable, Equatable {
    /// The members: strings as they are, numbers as their literal text (so `1.10` stays
    /// `1.10` and long integers keep every digit), `true`/`false` as those words, and
    /// `null` as nil. A repeated key keeps its last value, as JSONSerialization does.
    public var fields: [String: String?]
    /// The 1-based line the object starts on.
    public var line: Int

    /// Creates an object.
    public init(fields: [String: String?], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Why a JSON lines or JSON array body could not be read.
///
/// Shaped like `SpreadsheetError` (a reason, the line, a zh/en message) so the ingest layer
/// can report both the same way.
public struct JSONStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: String, Sendable, Equatable {
        /// A line (JSON lines) or an array element is not a JSON object.
        case notAnObject
        /// A JSON array body does not start with `[`.
        case notAnArray
        /// A member's value is an object or array; records must be flat.
        case nonScalarValue
        /// The text is not well-formed JSON.
        case malformed
        /// Something other than white space follows the closing `]`.
        case trailingContent
        /// The bytes are not UTF-8, which JSON requires (RFC 8259).
        case invalidUTF8
        /// The body ends inside the array or an element.
        case unterminated
        /// One record is larger than the parser holds.
        case tooLarge
    }

    /// What went wrong.
    public let reason: Reason
    /// The 1-based line the problem is on (for a record: the line it starts on).
    public let line: Int?
    /// The member concerned, for `.nonScalarValue`.
    public let key: String?

    /// Creates an error.
    public init(_ reason: Reason, line: Int?, key: String? = nil) {
        self.reason = reason
        self.line = line
        self.key = key
    }

    /// A stable key for the string table, for example `json.notAnObject`.
    public var messageKey: String { "json.\(reason.rawValue)" }

    /// A sentence for the uploader, in Chinese and English, naming the line when known.
    public var message: (zh: String, en: String) {
        let base: (zh: String, en: String)
        switch reason {
        case .notAnObject: base = ("不是 JSON 对象（每条记录应为 {…}）", "not a JSON object (each record must be {…})")
        case .notAnArray: base = ("内容应为 JSON 数组 [ {…}, {…} ]", "the body must be a JSON array [ {…}, {…} ]")
        case .nonScalarValue:
            base = ("“\(key ?? "")”的值必须是字符串、数值、布尔值或 null，不能是对象或数组",
                    "value must be a scalar: “\(key ?? "")” holds an object or array")
        case .malformed: base = ("JSON 格式错误", "malformed JSON")
        case .trailingContent: base = ("数组结束后还有多余内容", "unexpected content after the closing ]")
        case .invalidUTF8: base = ("含有非 UTF-8 字节（JSON 必须使用 UTF-8 编码）", "contains bytes that are not UTF-8 (JSON must be UTF-8)")
        case .unterminated: base = ("内容在记录或数组结束前中断", "the body ends before the record or array is closed")
        case .tooLarge: base = ("单条记录过大", "a single record is too large")
        }
        guard let line else { return base }
        return ("第\(line)行：\(base.zh)", "line \(line): \(base.en)")
    }

    /// The English message, for logs.
    public var description: String { message.en }
}

/// A parser for flat JSON objects on UTF-8 bytes.
///
/// Hand-written rather than JSONSerialization because records need number literals kept as
/// written (JSONSerialization turns `1.10` into 1.1 and rounds long integers through
/// Double) and because it decides "not a scalar" per key while reading.
enum FlatJSON {
    /// The most bytes one record may have; guards memory against a body with no record
    /// boundaries.
    static let maxRecordBytes = 16 << 20

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// Parses `b` (which must hold one object and white space only) into members.
    static func object(_ b: UnsafeBufferPointer<UInt8>, line: Int) throws(JSONStreamError) -> [String: String?] {
        if let bad = StreamBytes.firstInvalidUTF8(b) {
            throw JSONStreamError(.invalidUTF8, line: line + StreamBytes.lineBreaks(b, before: bad))
        }
        let n = b.count
        var i = 0
        func skip() { while i < n, isSpace(b[i]) { i += 1 } }
        func malformed() -> JSONStreamError { JSONStreamError(.malformed, line: line + StreamBytes.lineBreaks(b, before: Swift.min(i, n))) }
        skip()
        guard i < n, b[i] == UInt8(ascii: "{") else { throw JSONStreamError(.notAnObject, line: line) }
        i += 1
        var out: [String: String?] = [:]
        skip()
        if i < n, b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skip()
                guard i < n, b[i] == quote else { throw malformed() }
                guard let key = string(b, &i) else { throw malformed() }
                skip()
                guard i < n, b[i] == UInt8(ascii: ":") else { throw malformed() }
                i += 1
                skip()
                guard i < n else { throw malformed() }
                switch b[i] {
                case quote:
                    guard let value = string(b, &i) else { throw malformed() }
                    out[key] = .some(value)
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    throw JSONStreamError(.nonScalarValue, line: line + StreamBytes.lineBreaks(b, before: i), key: key)
                case UInt8(ascii: "t"):
                    guard literal(b, &i, "true") else { throw malformed() }
                    out[key] = .some("true")
                case UInt8(ascii: "f"):
                    guard literal(b, &i, "false") else { throw malformed() }
                    out[key] = .some("false")
                case UInt8(ascii: "n"):
                    guard literal(b, &i, "null") else { throw malformed() }
                    out[key] = .some(nil)
                default:
                    let start = i
                    guard number(b, &i) else { throw malformed() }
                    out[key] = .some(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                }
                skip()
                guard i < n else { throw malformed() }
                if b[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                guard b[i] == UInt8(ascii: "}") else { throw malformed() }
                i += 1
                break
            }
        }
        skip()
        guard i == n else { throw malformed() }
        return out
    }

    private static func literal(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= b.count else { return false }
        let w = word.utf8Start
        for k in 0..<count where b[i + k] != w[k] { return false }
        i += count
        return true
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, the JSON number grammar.
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        let n = b.count
        func digit(_ k: Int) -> Bool { k < n && b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") }
        if i < n, b[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else { return false }
        if b[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while digit(i) { i += 1 }
        }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { return false }
            while digit(i) { i += 1 }
        }
        return true
    }

    private static func hex(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// Reads a string starting at the quote at `i`, leaving `i` after the closing quote.
    /// Control characters must be escaped; `\u` escapes must pair surrogates.
    private static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        let n = b.count
        let start = i + 1
        var k = start
        // Fast path: no escapes, the bytes are the string.
        while k < n {
            let c = b[k]
            if c == quote {
                i = k + 1
                return String(decoding: UnsafeBufferPointer(rebasing: b[start..<k]), as: UTF8.self)
            }
            if c == backslash { break }
            if c < 0x20 { return nil }
            k += 1
        }
        var out = [UInt8](UnsafeBufferPointer(rebasing: b[start..<k]))
        while k < n {
            let c = b[k]
            if c == quote {
                i = k + 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { return nil }
            guard c == backslash else {
                out.append(c)
                k += 1
                continue
            }
            guard k + 1 < n else { return nil }
            let e = b[k + 1]
            k += 2
            switch e {
            case quote, backslash, UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex(b, k) else { return nil }
                k += 4
                if (0xD800...0xDBFF).contains(code) {
                    guard k + 6 <= n, b[k] == backslash, b[k + 1] == UInt8(ascii: "u"),
                          let low = hex(b, k + 2), (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    k += 6
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    return nil
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                return nil
            }
        }
        return nil
    }
}

/// Reads JSON lines (one object per line) from a body that arrives in chunks, holding only
/// the unfinished line.
///
/// Blank lines are skipped; a UTF-8 BOM at the start is ignored; a CR before the LF is
/// white space. Every other line must be one flat JSON object.
public struct JSONLinesStreamParser: Sendable {
    private var pending: [UInt8] = []
    private var atStart = true
    private var line = 1

    /// Creates a parser.
    public init() {}

    /// Parses the lines `chunk` completes.
    ///
    /// - Throws: `JSONStreamError` naming the line: not an object, a nested value (naming
    ///   the key), malformed JSON, bytes that are not UTF-8, or a line over 16 MiB.
    public mutating func feed(_ chunk: Data) throws(JSONStreamError) -> [StreamObject] {
        pending.append(contentsOf: chunk)
        guard let lastLF = pending.lastIndex(of: StreamBytes.lf) else {
            if pending.count > FlatJSON.maxRecordBytes { throw JSONStreamError(.tooLarge, line: line) }
            return []
        }
        return try consume(upTo: lastLF + 1)
    }

    /// Parses the last line.
    public mutating func finish() throws(JSONStreamError) -> [StreamObject] {
        try consume(upTo: pending.count)
    }

    private mutating func consume(upTo end: Int) throws(JSONStreamError) -> [StreamObject] {
        var out: [StreamObject] = []
        var start = 0
        if atStart {
            atStart = false
            if pending.starts(with: StreamBytes.bom) { start = 3 }
        }
        let result: Result<Void, JSONStreamError> = pending.withUnsafeBufferPointer { p in
            while start < end {
                var stop = start
                while stop < end, p[stop] != StreamBytes.lf { stop += 1 }
                let lineBytes = UnsafeBufferPointer(rebasing: p[start..<stop])
                if !lineBytes.allSatisfy(FlatJSON.isSpace) {
                    do throws(JSONStreamError) {
                        out.append(StreamObject(fields: try FlatJSON.object(lineBytes, line: line), line: line))
                    } catch {
                        return .failure(error)
                    }
                }
                line += 1
                start = stop + 1
            }
            return .success(())
        }
        pending.removeFirst(Swift.min(end, pending.count))
        try result.get()
        return out
    }
}

/// Reads a JSON array of flat objects, `[ {…}, {…} ]`, from a body that arrives in chunks,
/// holding only the element being read.
///
/// A small byte scanner follows strings, escapes and nesting depth to cut out each
/// top-level element, which is then parsed on its own; `line` is the line its `{` is on.
public struct JSONArrayStreamParser: Sendable {
    private enum State: Sendable {
        case start, firstElement, nextElement, inElement, afterElement, done
    }

    private var state = State.start
    private var atStart = true
    private var head: [UInt8] = []
    private var line = 1
    private var element: [UInt8] = []
    private var elementLine = 1
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// Creates a parser.
    public init() {}

    /// Parses the elements `chunk` completes.
    ///
    /// - Throws: `JSONStreamError` naming the line: the body is not an array, an element is
    ///   not a flat object or is malformed, text follows the closing bracket, or an element
    ///   is over 16 MiB.
    public mutating func feed(_ chunk: Data) throws(JSONStreamError) -> [StreamObject] {
        var out: [StreamObject] = []
        if atStart {
            // Hold the first bytes until a possible BOM is complete.
            head.append(contentsOf: chunk)
            guard head.count >= 3 else { return [] }
            try scanHead(into: &out)
            return out
        }
        let bytes = [UInt8](chunk)
        try bytes.withUnsafeBufferPointer { p throws(JSONStreamError) in try scan(p, into: &out) }
        return out
    }

    private mutating func scanHead(into out: inout [StreamObject]) throws(JSONStreamError) {
        atStart = false
        var bytes = head
        head = []
        if bytes.starts(with: StreamBytes.bom) { bytes.removeFirst(3) }
        try bytes.withUnsafeBufferPointer { p throws(JSONStreamError) in try scan(p, into: &out) }
    }

    /// Checks the body ended after the closing bracket.
    public mutating func finish() throws(JSONStreamError) -> [StreamObject] {
        var out: [StreamObject] = []
        if atStart { try scanHead(into: &out) }
        switch state {
        case .done: return out
        case .start: throw JSONStreamError(.notAnArray, line: line)
        case .inElement: throw JSONStreamError(.unterminated, line: elementLine)
        default: throw JSONStreamError(.unterminated, line: line)
        }
    }

    private mutating func scan(_ p: UnsafeBufferPointer<UInt8>, into out: inout [StreamObject]) throws(JSONStreamError) {
        let n = p.count
        var i = 0
        while i < n {
            let c = p[i]
            switch state {
            case .inElement:
                // Copy up to the end of the element (or of the chunk) in one go.
                let start = i
                var finished = false
                while i < n {
                    let b = p[i]
                    i += 1
                    if b == StreamBytes.lf { line += 1 }
                    if inString {
                        if escaped {
                            escaped = false
                        } else if b == UInt8(ascii: "\\") {
                            escaped = true
                        } else if b == UInt8(ascii: "\"") {
                            inString = false
                        }
                        continue
                    }
                    switch b {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { finished = true }
                    default: break
                    }
                    if finished { break }
                }
                element.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
                if element.count > FlatJSON.maxRecordBytes { throw JSONStreamError(.tooLarge, line: elementLine) }
                if finished {
                    let fields = try element.withUnsafeBufferPointer { e throws(JSONStreamError) in
                        try FlatJSON.object(e, line: elementLine)
                    }
                    out.append(StreamObject(fields: fields, line: elementLine))
                    element.removeAll(keepingCapacity: true)
                    state = .afterElement
                }
                continue
            default:
                break
            }
            i += 1
            if FlatJSON.isSpace(c) {
                if c == StreamBytes.lf { line += 1 }
                continue
            }
            switch state {
            case .start:
                guard c == UInt8(ascii: "[") else { throw JSONStreamError(.notAnArray, line: line) }
                state = .firstElement
            case .firstElement, .nextElement:
                if c == UInt8(ascii: "]"), state == .firstElement {
                    state = .done
                } else if c == UInt8(ascii: "{") {
                    state = .inElement
                    element.append(c)
                    elementLine = line
                    depth = 1
                    inString = false
                    escaped = false
                } else if c == UInt8(ascii: "]") {
                    throw JSONStreamError(.malformed, line: line)
                } else {
                    throw JSONStreamError(.notAnObject, line: line)
                }
            case .afterElement:
                if c == UInt8(ascii: ",") {
                    state = .nextElement
                } else if c == UInt8(ascii: "]") {
                    state = .done
                } else {
                    throw JSONStreamError(.malformed, line: line)
                }
            case .done:
                throw JSONStreamError(.trailingContent, line: line)
            case .inElement:
                break
            }
        }
    }
}
