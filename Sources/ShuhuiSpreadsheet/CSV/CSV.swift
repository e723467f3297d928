import Foundation

/// Comma-separated values as in RFC 4180, tolerant of what spreadsheet programs really write.
public enum CSV {
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Parses CSV bytes into rows of cells.
    ///
    /// Accepts quoted fields with doubled quotes and embedded line breaks, CR, LF or CRLF
    /// line ends, and UTF-8 (with or without BOM), UTF-16 with BOM or GB18030 text. A blank
    /// line becomes an empty row; blank rows at the end are dropped. Text after a closing
    /// quote is kept as part of the field, as Excel does, rather than rejected.
    ///
    /// - Parameter data: The file contents.
    /// - Returns: The rows; row 0 is usually the header.
    /// - Throws: `SpreadsheetError` with `.unterminatedQuote` and the line the open quote
    ///   is on, or `.unknownEncoding`.
    public static func parse(_ data: Data) throws(SpreadsheetError) -> [[String]] {
        let text = try TextDecoding.decode(data)
        var rows = try parse(bytes: Array(text.utf8))
        while let last = rows.last, last.allSatisfy(\.isEmpty) { rows.removeLast() }
        return rows
    }

    /// Serialises rows as CSV that Excel opens correctly, Chinese included.
    ///
    /// - Parameters:
    ///   - rows: The cells, row by row.
    ///   - bom: Whether to start with a UTF-8 BOM; Excel needs it to recognise UTF-8.
    /// - Returns: UTF-8 bytes with CRLF line ends; fields with a comma, quote, CR or LF are quoted.
    public static func write(_ rows: [[String]], bom: Bool = true) -> Data {
        var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { out.append(comma) }
                let bytes = cell.utf8
                if bytes.contains(where: { $0 == comma || $0 == quote || $0 == cr || $0 == lf }) {
                    out.append(quote)
                    for byte in bytes {
                        if byte == quote { out.append(quote) }
                        out.append(byte)
                    }
                    out.append(quote)
                } else {
                    out.append(contentsOf: bytes)
                }
            }
            out.append(contentsOf: [cr, lf])
        }
        return Data(out)
    }

    /// The byte-level state machine. The delimiters are ASCII, so scanning UTF-8 bytes can
    /// never split a multi-byte character.
    private static func parse(bytes: [UInt8]) throws(SpreadsheetError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var index = 0
        var line = 1
        let count = bytes.count

        func finishRow() {
            // A blank line parses as one empty field; report it as an empty row.
            rows.append(row == [""] ? [] : row)
            row = []
        }

        while index < count {
            if bytes[index] == quote {
                let openingLine = line
                index += 1
                var field: [UInt8] = []
                var closed = false
                while index < count {
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == lf || (byte == cr && !(index + 1 < count && bytes[index + 1] == lf)) {
                        line += 1
                    }
                    field.append(byte)
                    index += 1
                }
                guard closed else { throw SpreadsheetError(.unterminatedQuote, line: openingLine) }
                while index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    field.append(bytes[index])
                    index += 1
                }
                row.append(String(decoding: field, as: UTF8.self))
            } else {
                let start = index
                while index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    index += 1
                }
                row.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }

            guard index < count else { break }
            switch bytes[index] {
            case comma:
                index += 1
                // "a," at the very end still has a second, empty field.
                if index == count { row.append("") }
            case cr:
                index += 1
                if index < count, bytes[index] == lf { index += 1 }
                line += 1
                finishRow()
            default:
                index += 1
                line += 1
                finishRow()
            }
        }
        if !row.isEmpty { finishRow() }
        return rows
    }
}
