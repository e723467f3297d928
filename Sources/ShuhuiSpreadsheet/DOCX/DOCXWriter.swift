import Foundation

/// Produces the parts of a minimal docx package.
enum DOCXWriter {
    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func write(_ blocks: [DOCXBlock]) throws(SpreadsheetError) -> Data {
        try ZipWriter.archive([
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(rootRelationships.utf8)),
            ("word/document.xml", Data(document(blocks).utf8)),
            ("word/_rels/document.xml.rels", Data(documentRelationships.utf8)),
            ("word/styles.xml", Data(styles.utf8)),
        ])
    }

    private static var contentTypes: String {
        header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
            + #"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
            + "</Types>"
    }

    private static var rootRelationships: String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(r)/officeDocument" Target="word/document.xml"/>"#
            + "</Relationships>"
    }

    private static var documentRelationships: String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(r)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Song/FangSong for Chinese text; Times New Roman for Latin.
    private static var styles: String {
        header + #"<w:styles xmlns:w="\#(w)"><w:docDefaults><w:rPrDefault><w:rPr>"#
            + #"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/>"#
            + #"<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
            + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#
            + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#
            + #"<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
            + "</w:styles>"
    }

    static func document(_ blocks: [DOCXBlock]) -> String {
        var xml = header + #"<w:document xmlns:w="\#(w)" xmlns:r="\#(r)"><w:body>"#
        for block in blocks {
            switch block {
            case .paragraph(let text, let style): xml += paragraph(text, style)
            case .table(let rows): xml += table(rows)
            case .pageBreak: xml += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            }
        }
        // A4 portrait, 2 cm margins (twentieths of a point).
        xml += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>"#
        return xml + "</w:body></w:document>"
    }

    static func paragraph(_ text: String, _ style: DOCXStyle) -> String {
        var p = "<w:p><w:pPr>"
        if style.indent { p += #"<w:ind w:firstLineChars="200" w:firstLine="560"/>"# }
        p += #"<w:jc w:val="\#(style.alignment.rawValue)"/></w:pPr>"#
        var rPr = "<w:rPr>"
        if style.bold { rPr += "<w:b/>" }
        if let color = style.color { rPr += #"<w:color w:val="\#(color)"/>"# }
        rPr += #"<w:sz w:val="\#(style.size * 2)"/><w:szCs w:val="\#(style.size * 2)"/></w:rPr>"#
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            p += "<w:r>" + rPr
            if i > 0 { p += "<w:br/>" }
            p += #"<w:t xml:space="preserve">\#(XMLEntities.escape(String(line)))</w:t></w:r>"#
        }
        return p + "</w:p>"
    }

    static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max(), width > 0 else { return "" }
        let border = #"w:val="single" w:sz="4" w:space="0" w:color="000000""#
        var t = #"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>"#
            + "<w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/><w:insideV \(border)/>"
            + "</w:tblBorders></w:tblPr><w:tblGrid>"
        let columnWidth = 9638 / width
        for _ in 0..<width { t += #"<w:gridCol w:w="\#(columnWidth)"/>"# }
        t += "</w:tblGrid>"
        for (i, row) in rows.enumerated() {
            t += "<w:tr>"
            for c in 0..<width {
                let text = c < row.count ? row[c] : ""
                t += #"<w:tc><w:tcPr><w:tcW w:w="\#(columnWidth)" w:type="dxa"/></w:tcPr>"#
                t += paragraph(text, DOCXStyle(alignment: .center, size: 11, bold: i == 0))
                t += "</w:tc>"
            }
            t += "</w:tr>"
        }
        return t + "</w:tbl><w:p/>"
    }
}
