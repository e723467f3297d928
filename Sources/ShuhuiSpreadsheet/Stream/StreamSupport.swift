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
