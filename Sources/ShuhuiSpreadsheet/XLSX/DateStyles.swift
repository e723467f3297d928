import Foundation

/// Which cell styles show numbers as dates or times, read from `xl/styles.xml`.
///
/// Excel stores dates as day counts; without this a 出生日期 column would read as 33239.
struct DateStyles {
    /// What a date-like format shows.
    enum Kind { case date, time, dateTime }

    /// The kind for each `cellXfs` index (the cell's `s` attribute) that is date-like.
    let kinds: [Int: Kind]

    /// No date styles, for workbooks without a styles part.
    static let none = DateStyles(kinds: [:])

    /// Parses the number formats and cell formats of a styles part.
    static func parse(_ data: Data, part: String) throws(SpreadsheetError) -> DateStyles {
        var parser = XMLPullParser(data, part: part)
        var customFormats: [Int: String] = [:]
        var kinds: [Int: Kind] = [:]
        var inCellXfs = false
        var xfIndex = 0
        while true {
            switch try parser.next() {
            case .start(name: "numFmt", let attributes):
                if let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap({ Int($0.value) }),
                   let code = attributes.first(where: { $0.name == "formatCode" })?.value {
                    customFormats[id] = code
                }
            case .start(name: "cellXfs", _):
                inCellXfs = true
            case .end(name: "cellXfs"):
                inCellXfs = false
            case .start(name: "xf", let attributes) where inCellXfs:
                let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap { Int($0.value) } ?? 0
                if let kind = builtInKind(id) ?? customFormats[id].flatMap(kind(ofFormat:)) {
                    kinds[xfIndex] = kind
                }
                xfIndex += 1
                try parser.skipCurrentElement()
            case .endOfDocument:
                return DateStyles(kinds: kinds)
            default:
                continue
            }
        }
    }

    /// Built-in format ids that are dates or times, including the East Asian ones
    /// (27–36, 50–58) Chinese Excel uses for 2024年1月1日 and the like.
    private static func builtInKind(_ id: Int) -> Kind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 18...21, 32, 33, 45...47: .time
        case 22: .dateTime
        default: nil
        }
    }

    /// Classifies a custom format code by its date and time letters, ignoring quoted
    /// literals, escaped characters and bracketed parts like colours or `[$-804]`.
    static func kind(ofFormat code: String) -> Kind? {
        var hasDate = false
        var hasTime = false
        var inQuotes = false
        var inBracket = false
        var escaped = false
        // Only the first section (positive numbers) decides.
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuotes { if character == "\"" { inQuotes = false }; continue }
            if inBracket {
                if character == "]" { inBracket = false }
                // [h], [mm], [ss] are elapsed-time formats.
                else if "hms".contains(character) { hasTime = true }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true
            case ";": return hasDate ? (hasTime ? .dateTime : .date) : (hasTime ? .time : nil)
            case "y", "d", "年", "月", "日": hasDate = true
            case "h", "s", "时", "秒": hasTime = true
            default: continue
            }
        }
        return hasDate ? (hasTime ? .dateTime : .date) : (hasTime ? .time : nil)
    }
}
