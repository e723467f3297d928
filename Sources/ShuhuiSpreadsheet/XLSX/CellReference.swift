/// A1-style cell references: column letters and 1-based row numbers.
enum CellReference {
    /// Excel's grid: 16,384 columns (A…XFD) and 1,048,576 rows. References outside it are
    /// ignored, which also stops a hostile file from making the reader allocate a huge grid.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    /// Parses `"B7"` into zero-based `(column: 1, row: 6)`. The row is `nil` when only
    /// letters are given; the result is `nil` for anything that is not a reference in the grid.
    static func parse(_ text: String) -> (column: Int, row: Int?)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0,
                 UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                letters += 1
                guard letters <= 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                digits += 1
                guard digits <= 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "$"):
                continue
            default:
                return nil
            }
        }
        guard letters > 0, column <= maxColumns else { return nil }
        guard digits > 0 else { return (column - 1, nil) }
        guard (1...maxRows).contains(row) else { return nil }
        return (column - 1, row - 1)
    }

    /// The letters of zero-based `column`: 0 → `A`, 25 → `Z`, 26 → `AA`.
    static func columnLetters(_ column: Int) -> String {
        var number = column + 1
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
