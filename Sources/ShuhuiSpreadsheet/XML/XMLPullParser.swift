import Foundation

/// A small pull tokenizer for the XML inside xlsx packages.
///
/// Hand-rolled instead of FoundationXML so the module needs no libxml2 and so hostile input
/// has a known cost: it never expands custom entities (no "billion laughs"), never fetches
/// anything, and reports malformed markup as `SpreadsheetError.malformedXML` instead of
/// guessing. Element and attribute names are reported without their namespace prefix,
/// because transitional and strict OOXML differ only in namespace URIs.
struct XMLPullParser {
    /// One attribute of a start tag.
    struct Attribute {
        /// The local name, without a prefix (`r:id` becomes `id`).
        let name: String
        /// The value with entities decoded.
        let value: String
    }

    /// A piece of character data, kept as a byte range so that the many whitespace runs
    /// between elements cost nothing unless a caller asks for their text.
    struct TextSpan {
        let range: Range<Int>
        let isCDATA: Bool
    }

    /// What the parser found next.
    enum Event {
        case start(name: String, attributes: [Attribute])
        case end(name: String)
        case text(TextSpan)
        case endOfDocument
    }

    private let bytes: [UInt8]
    private let part: String
    private var index = 0
    private var open: [ArraySlice<UInt8>] = []
    private var pendingEnd: String?

    /// Prepares to parse `data`, a part of the package named `part` (for error reports).
    /// UTF-16 parts (allowed by XML, rare in xlsx) are converted to UTF-8 first.
    init(_ data: Data, part: String) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            bytes = Array((String(data: Data(bytes.dropFirst(2)), encoding: encoding) ?? "").utf8)
        }
        self.bytes = bytes
        self.part = part
    }

    /// Returns the next event.
    ///
    /// - Throws: `SpreadsheetError.malformedXML` for unterminated markup, mismatched end
    ///   tags or a document that ends with elements still open.
    mutating func next() throws(SpreadsheetError) -> Event {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while true {
            guard index < bytes.count else {
                guard open.isEmpty else { throw malformed }
                return .endOfDocument
            }
            guard bytes[index] == UInt8(ascii: "<") else {
                let start = index
                index = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                return .text(TextSpan(range: start..<index, isCDATA: false))
            }
            if hasPrefix("<?") {
                try skip(past: Array("?>".utf8))
            } else if hasPrefix("<!--") {
                try skip(past: Array("-->".utf8))
            } else if hasPrefix("<![CDATA[") {
                let start = index + 9
                try skip(past: Array("]]>".utf8))
                return .text(TextSpan(range: start..<(index - 3), isCDATA: true))
            } else if hasPrefix("<!") {
                try skipDeclaration()
            } else if hasPrefix("</") {
                return try endTag()
            } else {
                return try startTag()
            }
        }
    }

    /// The text of `span`, with entities decoded (CDATA is taken literally).
    func string(_ span: TextSpan) -> String {
        span.isCDATA
            ? String(decoding: bytes[span.range], as: UTF8.self)
            : XMLEntities.decode(bytes[span.range])
    }

    /// Reads text up to the end tag of the element just started, for leaf elements like
    /// `<v>` and `<t>`. Child elements are skipped; their text is included.
    mutating func textOfCurrentElement() throws(SpreadsheetError) -> String {
        var depth = 1
        var text = ""
        while true {
            switch try next() {
            case .start: depth += 1
            case .end:
                depth -= 1
                if depth == 0 { return text }
            case .text(let span): text += string(span)
            case .endOfDocument: throw malformed
            }
        }
    }

    /// Skips everything up to and including the end tag of the element just started.
    mutating func skipCurrentElement() throws(SpreadsheetError) {
        var depth = 1
        while depth > 0 {
            switch try next() {
            case .start: depth += 1
            case .end: depth -= 1
            case .text: break
            case .endOfDocument: throw malformed
            }
        }
    }

    private var malformed: SpreadsheetError { SpreadsheetError(.malformedXML, part: part) }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            buffer.elementsEqual(bytes[index..<(index + count)])
        }
    }

    private mutating func skip(past terminator: [UInt8]) throws(SpreadsheetError) {
        let first = terminator[0]
        var position = index + 1
        while position + terminator.count <= bytes.count {
            if bytes[position] == first, bytes[position..<(position + terminator.count)].elementsEqual(terminator) {
                index = position + terminator.count
                return
            }
            position += 1
        }
        throw malformed
    }

    /// Skips `<!DOCTYPE …>` including an internal subset in brackets. Its entity
    /// declarations are ignored on purpose: xlsx never needs them and expanding them is
    /// the classic XML bomb.
    private mutating func skipDeclaration() throws(SpreadsheetError) {
        var depth = 0
        var quoteByte: UInt8?
        var position = index + 2
        while position < bytes.count {
            let byte = bytes[position]
            if let open = quoteByte {
                if byte == open { quoteByte = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quoteByte = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ">"), depth <= 0 {
                index = position + 1
                return
            }
            position += 1
        }
        throw malformed
    }

    private mutating func endTag() throws(SpreadsheetError) -> Event {
        index += 2
        let name = try readName()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw malformed }
        index += 1
        guard let expected = open.popLast(), expected.elementsEqual(name) else { throw malformed }
        return .end(name: Self.localName(name))
    }

    private mutating func startTag() throws(SpreadsheetError) -> Event {
        index += 1
        let name = try readName()
        var attributes: [Attribute] = []
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw malformed }
            switch bytes[index] {
            case UInt8(ascii: ">"):
                index += 1
                open.append(name)
                return .start(name: Self.localName(name), attributes: attributes)
            case UInt8(ascii: "/"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { throw malformed }
                index += 2
                let local = Self.localName(name)
                pendingEnd = local
                return .start(name: local, attributes: attributes)
            default:
                attributes.append(try readAttribute())
            }
        }
    }

    private mutating func readAttribute() throws(SpreadsheetError) -> Attribute {
        let name = try readName()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw malformed }
        index += 1
        skipWhitespace()
        guard index < bytes.count,
              bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")
        else { throw malformed }
        let quoteByte = bytes[index]
        let start = index + 1
        guard let end = bytes[start...].firstIndex(of: quoteByte) else { throw malformed }
        index = end + 1
        return Attribute(name: Self.localName(name), value: XMLEntities.decode(bytes[start..<end]))
    }

    private mutating func readName() throws(SpreadsheetError) -> ArraySlice<UInt8> {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                 UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<"),
                 UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard index > start else { throw malformed }
                return bytes[start..<index]
            default:
                index += 1
            }
        }
        throw malformed
    }

    private mutating func skipWhitespace() {
        while index < bytes.count,
              bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
                || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            index += 1
        }
    }

    private static func localName(_ qualified: ArraySlice<UInt8>) -> String {
        let local = qualified.lastIndex(of: UInt8(ascii: ":")).map { qualified[($0 + 1)...] } ?? qualified
        return String(decoding: local, as: UTF8.self)
    }
}
