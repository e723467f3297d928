import Foundation

/// Produces the parts of a minimal xlsx package.
enum XLSXWriter {
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Style indexes in `styles.xml`: 1 is the bold text header, 2 plain text.
    private static let headerStyle = 1
    private static let textStyle = 2

    static func write(_ sheets: [Sheet]) throws(SpreadsheetError) -> Data {
        let names = SheetNames.legal(sheets.map(\.name))
        var parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Data(contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Data(rootRelationships.utf8)),
            ("xl/workbook.xml", Data(workbook(names).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet.rows, selected: index == 0)))
        }
        return try ZipWriter.archive(parts)
    }

    private static func contentTypes(sheetCount: Int) -> String {
        var xml = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for index in 1...max(sheetCount, 1) {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    private static var rootRelationships: String {
        header + #"<Relationships xmlns="\#(packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
    }

    private static func workbook(_ names: [String]) -> String {
        var xml = header + #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
        xml += "<bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(XMLEntities.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + #"<Relationships xmlns="\#(packageRelationships)">"#
        for index in 1...max(sheetCount, 1) {
            xml += #"<Relationship Id="rId\#(index)" Type="\#(relationshipNamespace)/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relationshipNamespace)/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Fonts: 0 regular, 1 bold. Cell formats: 0 default, 1 bold text (header), 2 text.
    /// Number format 49 is "@", Excel's Text format.
    private static var styles: String {
        header + #"<styleSheet xmlns="\#(mainNamespace)">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }

    /// Built as bytes with capacity reserved up front: sheets run to tens of megabytes and
    /// growing a `String` piecemeal spent most of the time copying.
    private static func worksheet(_ rows: [[String]], selected: Bool) -> Data {
        var estimate = 1024
        for row in rows.prefix(1_000) { estimate += row.reduce(40) { $0 + $1.utf8.count + 80 } }
        var out: [UInt8] = []
        out.reserveCapacity(rows.count > 1_000 ? estimate * (rows.count / 1_000 + 1) : estimate)
        func add(_ text: String) { out.append(contentsOf: text.utf8) }

        add(header + #"<worksheet xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#)
        add(#"<sheetViews><sheetView workbookViewId="0"\#(selected ? #" tabSelected="1""# : "")>"#)
        if rows.count > 1 {
            add(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#)
            add(#"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#)
        }
        add("</sheetView></sheetViews>")
        add(#"<sheetFormatPr defaultRowHeight="15"/>"#)
        let widths = columnWidths(rows)
        if !widths.isEmpty {
            add("<cols>")
            for (index, width) in widths.enumerated() {
                // The column style makes cells typed in later text too.
                add(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" style="\#(textStyle)" customWidth="1"/>"#)
            }
            add("</cols>")
        }
        add("<sheetData>")
        let letters = (0..<(rows.map(\.count).max() ?? 0)).map(CellReference.columnLetters)
        for (rowIndex, row) in rows.enumerated() where row.contains(where: { !$0.isEmpty }) {
            let rowNumber = String(rowIndex + 1)
            let style = rowIndex == 0 ? headerStyle : textStyle
            add(#"<row r=""#)
            add(rowNumber)
            add(#"">"#)
            for (columnIndex, cell) in row.enumerated() where !cell.isEmpty {
                add(#"<c r=""#)
                add(letters[columnIndex])
                add(rowNumber)
                add(#"" s="\#(style)" t="inlineStr"><is><t xml:space="preserve">"#)
                add(XMLEntities.escape(cell))
                add("</t></is></c>")
            }
            add("</row>")
        }
        add("</sheetData></worksheet>")
        return Data(out)
    }

    /// Widths in Excel's character units: the longest line per column, counting wide
    /// (CJK, full-width) characters as two, plus padding, between 8 and 60. Only the first
    /// rows are measured; they are representative and keep big exports fast.
    private static func columnWidths(_ rows: [[String]]) -> [Int] {
        var widths: [Int] = []
        for row in rows.prefix(2_000) {
            if row.count > widths.count { widths.append(contentsOf: repeatElement(0, count: row.count - widths.count)) }
            for (index, cell) in row.enumerated() where !cell.isEmpty {
                let longest = cell.split(whereSeparator: \.isNewline).map(displayWidth).max() ?? 0
                widths[index] = max(widths[index], longest)
            }
        }
        return widths.map { min(max($0 + 2, 8), 60) }
    }

    private static func displayWidth(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
                 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width + 2
            default:
                width + 1
            }
        }
    }
}
