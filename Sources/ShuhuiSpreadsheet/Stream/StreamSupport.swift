import Foundation

/// One CSV record read from a stream.
public struct StreamRow: Sendable, Equatable {
    /// The cells, in column order.
    public var fields: [String]
    /// The 1-based physical line the record starts on (a quoted line break inside a record
    /// moves the next record's line on, as in a text editor).
    public var line: Int

    /// Creates a row.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// CSV records as cells over one byte buffer: what the stream parser produces, so that a
/// million rows cost a few buffers instead of a `String` per cell and an array per row.
///
/// ``bytes`` is the parsed text itself, followed by the cells that are not a plain run of it
/// (a quoted cell without its quotes, a doubled quote made one). Cell `k` is
/// `bytes[cellRanges[k]]`, UTF-8; row `r` is cells `rowEnds[r - 1]..<rowEnds[r]` (from 0 for
/// the first).
public struct CellBatch: Sendable, Equatable {
    /// The text the cells are in.
    public internal(set) var bytes: [UInt8] = []
    /// Where each cell is in ``bytes``.
    public internal(set) var cellRanges: [Range<Int>] = []
    /// The end of each row in ``cellRanges``.
    public internal(set) var rowEnds: [Int] = []
    /// The 1-based line each row starts on.
    public internal(set) var lines: [Int] = []

    /// Creates an empty batch.
    public init() {}

    /// The number of rows.
    public var count: Int { rowEnds.count }

    /// The cells of row `r`, as indexes for ``cell(_:)``.
    @inlinable public func cells(ofRow r: Int) -> Range<Int> {
        (r == 0 ? 0 : rowEnds[r - 1])..<rowEnds[r]
    }

    /// The byte range of cell `k` in ``bytes``.
    @inlinable public func cell(_ k: Int) -> Range<Int> {
        cellRanges[k]
    }

    /// Cell `k` as text.
    public func text(_ k: Int) -> String {
        let r = cell(k)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// The rows as ``StreamRow``s (a `String` per cell).
    public var rows: [StreamRow] {
        (0..<count).map { r in StreamRow(fields: cells(ofRow: r).map(text), line: lines[r]) }
    }

    /// Adds a cell at `range` of ``bytes`` (or of the text about to become ``bytes``).
    @inline(__always) mutating func appendCell(_ range: Range<Int>) {
        cellRanges.append(range)
    }

    /// Cells after the last finished row.
    var openCells: Int { cellRanges.count - (rowEnds.last ?? 0) }

    /// Moves the open cells `by` bytes on: ``bytes`` is about to be put after a new text.
    mutating func shiftOpenCells(by offset: Int) {
        for k in (rowEnds.last ?? 0)..<cellRanges.count {
            cellRanges[k] = cellRanges[k].lowerBound + offset..<cellRanges[k].upperBound + offset
        }
    }

    /// Ends the row made of the open cells, starting on `line`; a row of one empty cell (an
    /// empty line) is dropped instead.
    mutating func endRow(line: Int) {
        if openCells == 1, cellRanges[cellRanges.count - 1].isEmpty {
            cellRanges.removeLast()
            return
        }
        rowEnds.append(cellRanges.count)
        lines.append(line)
    }

    /// Takes the finished rows out, leaving the open cells (a record still being read, whose
    /// quoted field goes on in the next text) behind with a copy of their bytes.
    mutating func takeFinished() -> CellBatch {
        var done = self
        // The next batch starts with room for as many cells and rows as this one held, so that
        // it does not grow (copying itself each time) on the way.
        self = CellBatch()
        cellRanges.reserveCapacity(done.cellRanges.count)
        rowEnds.reserveCapacity(done.rowEnds.count)
        lines.reserveCapacity(done.lines.count)
        let doneCells = done.rowEnds.last ?? 0
        guard doneCells < done.cellRanges.count else { return done }
        for k in doneCells..<done.cellRanges.count {
            let start = bytes.count
            bytes.append(contentsOf: done.bytes[done.cell(k)])
            appendCell(start..<bytes.count)
        }
        done.cellRanges.removeSubrange(doneCells...)
        return done
    }
}

/// The text encodings accepted for streamed CSV.
public enum StreamCharset: String, Sendable, CaseIterable, Codable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// GB18030 (a superset of GBK and GB2312), what Excel on Chinese Windows writes.
    case gb18030

    /// Reads a `charset=` parameter value as clients send it (`UTF-8`, `gbk`, `GB2312`, …).
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces).lowercased() {
        case "utf8", "utf-8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "gb-18030", "x-gbk": self = .gb18030
        default: return nil
        }
    }
}

/// Byte helpers shared by the stream parsers.
enum StreamBytes {
    static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The index of the first byte that is not part of well-formed UTF-8 (Unicode 15,
    /// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = p.count
        var i = 0
        guard let base = p.baseAddress else { return nil }
        while i < n {
            // Eight ASCII bytes at a time: most CSV and JSON bytes are ASCII.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return nil }
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
                k < n && p[k] >= lo && p[k] <= hi
            }
            switch b {
            case 0xC2...0xDF:
                guard cont(i + 1) else { return i }
                i += 2
            case 0xE0...0xEF:
                let lo: UInt8 = b == 0xE0 ? 0xA0 : 0x80, hi: UInt8 = b == 0xED ? 0x9F : 0xBF
                guard cont(i + 1, lo, hi), cont(i + 2) else { return i }
                i += 3
            case 0xF0...0xF4:
                let lo: UInt8 = b == 0xF0 ? 0x90 : 0x80, hi: UInt8 = b == 0xF4 ? 0x8F : 0xBF
                guard cont(i + 1, lo, hi), cont(i + 2), cont(i + 3) else { return i }
                i += 4
            default:
                return i
            }
        }
        return nil
    }

    /// Whether every byte is ASCII.
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var acc: UInt8 = 0
        for b in p { acc |= b }
        return acc < 0x80
    }

    /// How many line ends (LF, CRLF or a lone CR) occur in `p[..<end]`, counting like the
    /// CSV reader so error lines and row lines agree.
    static func lineBreaks(_ p: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
        var count = 0
        var i = 0
        while i < end {
            if p[i] == lf || (p[i] == cr && !(i + 1 < p.count && p[i + 1] == lf)) { count += 1 }
            i += 1
        }
        return count
    }
}
