import Foundation

/// Reads the cells of one worksheet part into rows of text.
struct WorksheetReader {
    /// A cap on materialised cells (gaps included) per sheet, so a small hostile file
    /// with far-apart references cannot make the reader build a huge grid.
    static let cellLimit = 20_000_000

    let sharedStrings: [String]
    let dateStyles: DateStyles
    let date1904: Bool

    /// Parses `data`, placing each cell at its `r` reference (or after the previous one
    /// when it has none) and trimming trailing empty cells and rows.
    func read(_ data: Data, part: String) throws(SpreadsheetError) -> [[String]] {
        var parser = XMLPullParser(data, part: part)
        var grid = Grid()
        var row = -1
        var column = 0
        while true {
            switch try parser.next() {
            case .start(name: "row", let attributes):
                let number = attributes.first { $0.name == "r" }.flatMap { Int($0.value) }
                row = number.map { $0 - 1 } ?? row + 1
                column = 0
            case .start(name: "c", let attributes):
                var reference: String?
                var type: String?
                var style: Int?
                for attribute in attributes {
                    switch attribute.name {
                    case "r": reference = attribute.value
                    case "t": type = attribute.value
                    case "s": style = Int(attribute.value)
                    default: continue
                    }
                }
                if let parsed = reference.flatMap(CellReference.parse) {
                    column = parsed.column
                    if let cellRow = parsed.row { row = cellRow }
                }
                row = max(row, 0)
                let text = try cellText(&parser, type: type, style: style)
                if !text.isEmpty, row < CellReference.maxRows, column < CellReference.maxColumns {
                    try grid.set(text, row: row, column: column, part: part)
                }
                column += 1
            case .endOfDocument:
                return grid.trimmed()
            default:
                continue
            }
        }
    }

    /// Reads the `<c>` element just started and renders its value as displayed text.
    private func cellText(
        _ parser: inout XMLPullParser, type: String?, style: Int?
    ) throws(SpreadsheetError) -> String {
        var value: String?
        var inline: String?
        var depth = 1
        while depth > 0 {
            switch try parser.next() {
            case .start(name: "v", _):
                value = try parser.textOfCurrentElement()
            case .start(name: "is", _):
                inline = try SharedStrings.richText(&parser)
            case .start:
                // Formulas (<f>) and extensions: the cached value in <v> is what Excel shows.
                try parser.skipCurrentElement()
            case .end:
                depth -= 1
            case .text:
                continue
            case .endOfDocument:
                throw SpreadsheetError(.malformedXML)
            }
        }
        switch type {
        case "s":
            guard let index = value.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
                  sharedStrings.indices.contains(index)
            else { return "" }
            return sharedStrings[index]
        case "inlineStr":
            return inline ?? value ?? ""
        case "b":
            switch value {
            case "1": return "TRUE"
            case "0": return "FALSE"
            default: return value ?? ""
            }
        case "str", "e", "d":
            return value ?? ""
        default:
            guard let value, !value.isEmpty else { return inline ?? "" }
            if let style, let kind = dateStyles.kinds[style] {
                return CellText.date(value, kind: kind, date1904: date1904)
            }
            return CellText.number(value)
        }
    }
}

/// Rows of cells grown on demand, with gaps filled by empty strings.
private struct Grid {
    private var rows: [[String]] = []
    private var materialised = 0

    mutating func set(_ text: String, row: Int, column: Int, part: String) throws(SpreadsheetError) {
        if row >= rows.count {
            materialised += row + 1 - rows.count
            rows.append(contentsOf: repeatElement([], count: row + 1 - rows.count))
        }
        if column >= rows[row].count {
            materialised += column + 1 - rows[row].count
            rows[row].append(contentsOf: repeatElement("", count: column + 1 - rows[row].count))
        }
        guard materialised <= WorksheetReader.cellLimit else { throw SpreadsheetError(.tooLarge, part: part) }
        rows[row][column] = text
    }

    func trimmed() -> [[String]] {
        var result = rows.map { row in
            var row = row
            while row.last?.isEmpty == true { row.removeLast() }
            return row
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result
    }
}
