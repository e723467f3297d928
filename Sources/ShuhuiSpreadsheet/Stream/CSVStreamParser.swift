import Foundation

/// Reads CSV (RFC 4180, as ``CSV/parse(_:)`` reads it) from a body that arrives in chunks,
/// holding only the unfinished line, never the whole body.
///
/// Bytes are buffered up to the last line break of what has arrived and only that part is
/// decoded and parsed. A line break is a safe cut for both charsets: 0x0A and 0x0D are
/// never part of a multi-byte UTF-8 or GB18030 character. The record state (inside quotes,
/// cells of an unfinished record) carries over between chunks, so a quoted field may hold
/// line breaks and span chunks.
///
/// Differences from `CSV.parse`, on purpose: completely empty lines are skipped instead of
/// becoming empty rows; UTF-16 is not accepted; and invalid bytes are an error naming the
/// line rather than being replaced, because a streamed batch is stored, not just shown.
///
/// Charset detection (`charset == nil`): a UTF-8 BOM means UTF-8. Otherwise the first 64 KiB
/// (or the whole body, if shorter) are examined before anything is parsed: valid UTF-8 with
/// non-ASCII text means UTF-8; invalid UTF-8 means GB18030; pure ASCII is read as is and the
/// decision waits for the next 64 KiB. A large sample matters because short GB18030 text is
/// often valid UTF-8 by accident (a name like 谢 is C4 A3 in both encodings' byte ranges).
/// Once UTF-8 is decided, later invalid bytes are an error rather than a switch of charset.
///
/// A record with no line break at all is held whole until it ends; callers limiting body
/// size limit that too.
public struct CSVStreamParser: Sendable {
    /// The charset in use: the one given, or the one detected so far (nil while the body
    /// has been pure ASCII).
    public private(set) var charset: StreamCharset?

    private static let sample = 64 * 1024
    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
    private static let cr = StreamBytes.cr, lf = StreamBytes.lf

    private var pending: [UInt8] = []
    private var atStart = true
    /// Line of the next byte to parse.
    private var line = 1
    /// Line the record being read started on.
    private var rowLine = 1
    /// Cells read and not yet handed out, ending with those of the record being read.
    private var cells = CellBatch()
    private var inQuotes = false
    private var quoteLine = 1
    private var field: [UInt8] = []
    /// While a text is parsed: cells that are not a plain run of it (quoted ones), which go
    /// after it in the batch's bytes, and its length (where they start).
    private var extra: [UInt8] = []
    private var base = 0

    /// Creates a parser.
    ///
    /// - Parameter charset: The body's charset, or nil to detect it (see the type's notes).
    public init(charset: StreamCharset?) {
        self.charset = charset
    }

    /// Parses what `chunk` completes.
    ///
    /// - Returns: The records finished by this chunk, without empty lines.
    /// - Throws: `SpreadsheetError` `.unknownEncoding` naming the line with bytes invalid for
    ///   the charset.
    public mutating func feed(_ chunk: Data) throws(SpreadsheetError) -> [StreamRow] {
        try feedCells(chunk).rows
    }

    /// Parses what `chunk` completes, as ``feed(_:)`` does, returning the records as cells.
    public mutating func feedCells(_ chunk: Data) throws(SpreadsheetError) -> CellBatch {
        pending.append(contentsOf: chunk)
        if charset == nil, !(atStart && pending.starts(with: StreamBytes.bom)), pending.count < Self.sample {
            return CellBatch()
        }
        guard let cut = Self.safeCut(pending) else { return CellBatch() }
        try process(upTo: cut, final: false)
        return cells.takeFinished()
    }

    /// Parses the rest of the body.
    ///
    /// - Returns: The last records.
    /// - Throws: `SpreadsheetError` `.unterminatedQuote` with the line the open quote is on,
    ///   or `.unknownEncoding` naming the line with invalid bytes.
    public mutating func finish() throws(SpreadsheetError) -> [StreamRow] {
        try finishCells().rows
    }

    /// Parses the rest of the body, as ``finish()`` does, returning the records as cells.
    public mutating func finishCells() throws(SpreadsheetError) -> CellBatch {
        if !pending.isEmpty { try process(upTo: pending.count, final: true) }
        if inQuotes { throw SpreadsheetError(.unterminatedQuote, line: quoteLine) }
        if cells.openCells > 0 { cells.endRow(line: rowLine) }
        return cells.takeFinished()
    }

    /// The end of the last complete line in `bytes`: after its last LF, or after its last CR
    /// when a byte follows that CR (so it cannot be the first half of a CRLF).
    private static func safeCut(_ bytes: [UInt8]) -> Int? {
        var i = bytes.count - 1
        while i >= 0 {
            let b = bytes[i]
            if b == lf { return i + 1 }
            if b == cr, i + 1 < bytes.count { return i + 1 }
            i -= 1
        }
        return nil
    }

    private mutating func process(upTo cut: Int, final: Bool) throws(SpreadsheetError) {
        // The segment keeps the buffer (no copy); only the unfinished line is copied out.
        var bytes = pending
        pending = Array(bytes[cut...])
        bytes.removeSubrange(cut...)
        let first = atStart
        if atStart {
            atStart = false
            if bytes.starts(with: StreamBytes.bom), charset != .gb18030 {
                charset = .utf8
                bytes.removeFirst(3)
            }
        }
        if charset == nil {
            let decided: StreamCharset? = bytes.withUnsafeBufferPointer { p in
                if StreamBytes.isASCII(p) { return nil }
                return StreamBytes.firstInvalidUTF8(p) == nil ? .utf8 : .gb18030
            }
            charset = decided
        }
        switch charset {
        case nil:
            break
        case .utf8?:
            let invalid = bytes.withUnsafeBufferPointer { p in
                StreamBytes.firstInvalidUTF8(p).map { StreamBytes.lineBreaks(p, before: $0) }
            }
            if let invalid { throw SpreadsheetError(.unknownEncoding, line: line + invalid) }
        case .gb18030?:
            var text = try decodeGB18030(bytes)
            // GB18030's own byte-order mark (84 31 95 33) decodes to U+FEFF.
            if first, text.unicodeScalars.first == "\u{FEFF}" {
                text.unicodeScalars.removeFirst()
            }
            bytes = Array(text.utf8)
        }
        // The cells are ranges of the text itself; quoted ones go after it, with the open
        // cells of a record begun in the last text.
        base = bytes.count
        extra = cells.bytes
        cells.shiftOpenCells(by: base)
        bytes.withUnsafeBufferPointer { parse($0, final: final) }
        bytes.append(contentsOf: extra)
        extra = []
        cells.bytes = bytes
    }

    /// Decodes GB18030, or names the first line that does not decode.
    private func decodeGB18030(_ bytes: [UInt8]) throws(SpreadsheetError) -> String {
        if bytes.withUnsafeBufferPointer({ StreamBytes.isASCII($0) }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        if let text = String(data: Data(bytes), encoding: TextDecoding.gb18030) { return text }
        // Error path only: decode line by line to say where the bad bytes are.
        var start = 0
        var lineNumber = line
        let n = bytes.count
        while start < n {
            var end = start
            while end < n, bytes[end] != Self.lf, bytes[end] != Self.cr { end += 1 }
            if String(data: Data(bytes[start..<end]), encoding: TextDecoding.gb18030) == nil {
                break
            }
            if end < n, bytes[end] == Self.cr, end + 1 < n, bytes[end + 1] == Self.lf { end += 1 }
            start = end + 1
            lineNumber += 1
        }
        throw SpreadsheetError(.unknownEncoding, line: lineNumber)
    }

    /// The RFC 4180 state machine over UTF-8 bytes. Delimiters are ASCII, so scanning bytes
    /// never splits a character. `b` ends with a line break unless `final`.
    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, final: Bool) {
        // The batch is a local while the loop runs, so that each cell's append does not go
        // through `self` (a uniqueness check of the parser's storage every time).
        var cells = self.cells
        self.cells = CellBatch()
        defer { self.cells = cells }
        func finishRow() {
            // A line with nothing on it parses as one empty cell; it is not a record.
            cells.endRow(line: rowLine)
            rowLine = line
        }
        let n = b.count
        var i = 0
        let quote = Self.quote, comma = Self.comma, cr = Self.cr, lf = Self.lf
        while i < n {
            if !inQuotes {
                if b[i] == quote {
                    inQuotes = true
                    quoteLine = line
                    field.removeAll(keepingCapacity: true)
                    i += 1
                } else {
                    let start = i
                    while i < n {
                        let c = b[i]
                        if c == comma || c == cr || c == lf { break }
                        i += 1
                    }
                    cells.appendCell(Range(uncheckedBounds: (start, i)))
                }
            }
            if inQuotes {
                var closed = false
                while i < n {
                    let c = b[i]
                    if c == quote {
                        if i + 1 < n, b[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if c == lf || (c == cr && !(i + 1 < n && b[i + 1] == lf)) { line += 1 }
                    field.append(c)
                    i += 1
                }
                // Still open: the field continues in the next segment (or `finish` reports it).
                guard closed else { return }
                inQuotes = false
                // Text after the closing quote stays part of the field, as Excel does.
                while i < n, b[i] != comma, b[i] != cr, b[i] != lf {
                    field.append(b[i])
                    i += 1
                }
                let start = base + extra.count
                extra.append(contentsOf: field)
                cells.appendCell(start..<base + extra.count)
            }
            guard i < n else { break }
            switch b[i] {
            case comma:
                i += 1
                // "a," at the very end still has a second, empty field.
                if i == n, final { cells.appendCell(n..<n) }
            case cr:
                i += 1
                if i < n, b[i] == lf { i += 1 }
                line += 1
                finishRow()
            default:
                i += 1
                line += 1
                finishRow()
            }
        }
    }
}
