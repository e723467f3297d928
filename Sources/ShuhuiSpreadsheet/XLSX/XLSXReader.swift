import Foundation

/// Follows an xlsx package from its root relationships to the workbook, its sheets and
/// shared strings.
struct XLSXReader {
    private var zip: ZipReader

    init(_ data: Data) throws(SpreadsheetError) {
        zip = try ZipReader(data)
    }

    mutating func sheets() throws(SpreadsheetError) -> [Sheet] {
        let rootRels = try relationships(of: "")
        let workbookPath = rootRels?.first(kind: "officeDocument")?.path ?? "xl/workbook.xml"
        guard let workbookData = try zip.contents(of: workbookPath) else {
            throw SpreadsheetError(zip.contains("[Content_Types].xml") ? .missingWorkbook : .notXLSX)
        }
        let workbook = try Workbook.parse(workbookData, part: workbookPath)
        let rels = try relationships(of: workbookPath) ?? Relationships(entries: [])

        var sharedStrings: [String] = []
        let sharedStringsPath = rels.first(kind: "sharedStrings")?.path ?? "xl/sharedStrings.xml"
        if let data = try zip.contents(of: sharedStringsPath) {
            sharedStrings = try SharedStrings.parse(data, part: sharedStringsPath)
        }
        var dateStyles = DateStyles.none
        let stylesPath = rels.first(kind: "styles")?.path ?? "xl/styles.xml"
        if let data = try zip.contents(of: stylesPath) {
            dateStyles = try DateStyles.parse(data, part: stylesPath)
        }

        let reader = WorksheetReader(sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: workbook.date1904)
        var sheets: [Sheet] = []
        for (position, entry) in workbook.sheets.enumerated() {
            let path: String
            if let relationship = entry.relationshipID.flatMap(rels.entry(id:)) {
                // Chart sheets and dialog sheets have no cells to read.
                guard relationship.type.hasSuffix("/worksheet") else { continue }
                path = relationship.path
            } else {
                path = "xl/worksheets/sheet\(position + 1).xml"
            }
            guard let data = try zip.contents(of: path) else { continue }
            sheets.append(Sheet(name: entry.name, rows: try reader.read(data, part: path)))
        }
        return sheets
    }

    private mutating func relationships(of source: String) throws(SpreadsheetError) -> Relationships? {
        let path = Relationships.relsPath(for: source)
        guard let data = try zip.contents(of: path) else { return nil }
        return try Relationships.parse(data, source: source, part: path)
    }
}

/// The parts of `xl/workbook.xml` the reader needs.
struct Workbook {
    /// A `<sheet>` entry: tab name and relationship id, in tab order.
    struct Entry {
        let name: String
        let relationshipID: String?
    }

    let sheets: [Entry]
    let date1904: Bool

    static func parse(_ data: Data, part: String) throws(SpreadsheetError) -> Workbook {
        var parser = XMLPullParser(data, part: part)
        var sheets: [Entry] = []
        var date1904 = false
        var sawRoot = false
        while true {
            switch try parser.next() {
            case .start(let name, let attributes):
                if !sawRoot {
                    // A docx or pptx also has an officeDocument; its root is not a workbook.
                    guard name == "workbook" else { throw SpreadsheetError(.notXLSX) }
                    sawRoot = true
                } else if name == "workbookPr" {
                    let value = attributes.first { $0.name == "date1904" }?.value
                    date1904 = value == "1" || value == "true"
                } else if name == "sheet" {
                    let sheetName = attributes.first { $0.name == "name" }?.value ?? "Sheet\(sheets.count + 1)"
                    let id = attributes.first { $0.name == "id" }?.value
                    sheets.append(Entry(name: sheetName, relationshipID: id))
                }
            case .endOfDocument:
                guard sawRoot else { throw SpreadsheetError(.notXLSX) }
                return Workbook(sheets: sheets, date1904: date1904)
            default:
                continue
            }
        }
    }
}
