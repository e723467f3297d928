import Foundation

/// Reading the text of `<si>` (shared strings) and `<is>` (inline strings) elements.
enum SharedStrings {
    /// Parses `xl/sharedStrings.xml` into the table cells of type `s` index into.
    static func parse(_ data: Data, part: String) throws(SpreadsheetError) -> [String] {
        var parser = XMLPullParser(data, part: part)
        var strings: [String] = []
        while true {
            switch try parser.next() {
            case .start(name: "si", _):
                strings.append(try richText(&parser))
            case .endOfDocument:
                return strings
            default:
                continue
            }
        }
    }

    /// Reads the element just started (`<si>` or `<is>`) to its end, joining the text of
    /// plain `<t>` and rich-text runs `<r><t>`. Phonetic guides (`<rPh>`, furigana) are
    /// skipped: they are annotations, not part of the cell's text.
    static func richText(_ parser: inout XMLPullParser) throws(SpreadsheetError) -> String {
        var text = ""
        var depth = 1
        while depth > 0 {
            switch try parser.next() {
            case .start(name: "t", _):
                text += try parser.textOfCurrentElement()
            case .start(name: "rPh", _):
                try parser.skipCurrentElement()
            case .start:
                depth += 1
            case .end:
                depth -= 1
            case .text:
                continue
            case .endOfDocument:
                throw SpreadsheetError(.malformedXML)
            }
        }
        return CellText.unescapeOOXML(text)
    }
}
