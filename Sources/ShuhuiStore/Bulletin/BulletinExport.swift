import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet

/// The bulletin's file formats. Every one is derived from the same ``BulletinDocument``, so
/// an issued bulletin gives the same bytes in every format for ever.
public enum BulletinFormat: String, Sendable, CaseIterable {
    case html, xlsx, docx, csv

    /// The media type.
    public var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .csv: "text/csv; charset=utf-8"
        }
    }
}

/// Renders a bulletin document into its files.
public enum BulletinExport {
    /// XLSX with one sheet per attachment (附件1 …), plus 表1 and 图1's data.
    public static func xlsx(_ d: BulletinDocument) throws -> Data {
        var sheets = d.attachments.map { a in
            Sheet(name: sheetName(a.number, d.language), rows: [[a.title], a.header] + a.rows + (a.note.map { [[$0]] } ?? []))
        }
        for s in d.sections { for b in s.blocks where b.kind == .table { if let t = b.table { sheets.append(Sheet(name: d.language == .zh ? "表1" : "Table 1", rows: [[b.text], t.header] + t.rows)) } } }
        sheets.append(Sheet(name: d.language == .zh ? "图1数据" : "Figure 1 data", rows: [[d.language == .zh ? "日期" : "Date", d.language == .zh ? "累计归集量（条）" : "Rows collected"]]
                            + d.trend.map { [$0.day, String($0.value)] }))
        return try XLSX.write(sheets)
    }

    /// CSV of attachment `number` (1-based): title row, header, rows, note.
    public static func csv(_ d: BulletinDocument, attachment number: Int) -> Data? {
        guard let a = d.attachments.first(where: { $0.number == number }) else { return nil }
        return CSV.write([a.header] + a.rows + (a.note.map { [[$0]] } ?? []))
    }

    /// DOCX of the whole bulletin: frame, sections, 图 1 as a data table, attachments each on a
    /// new page, 报/抄送 and the issuing line.
    public static func docx(_ d: BulletinDocument) throws -> Data {
        var b: [DOCXBlock] = [
            .paragraph(d.heading, DOCXStyle(alignment: .center, size: 16)),
            .paragraph(d.title, DOCXStyle(alignment: .center, size: 36, bold: true, color: "C00000")),
            .paragraph(d.bureau + "    " + d.dateLine, .centered),
        ]
        for s in d.sections {
            b.append(.paragraph(s.heading, .heading))
            for block in s.blocks {
                switch block.kind {
                case .paragraph: b.append(.paragraph(block.text, .body))
                case .subheading: b.append(.paragraph(block.text, DOCXStyle(bold: true, indent: true)))
                case .note: b.append(.paragraph(block.text, .plain))
                case .chart:
                    b.append(.table([[d.language == .zh ? "日期" : "Date", d.language == .zh ? "累计归集量（亿条）" : "Collected (hundred million rows)"]]
                                    + d.trend.map { [$0.day, BulletinNumber.yi($0.value)] }))
                    b.append(.paragraph(block.text, .centered))
                case .table:
                    if let t = block.table { b.append(.table([t.header] + t.rows)) }
                    b.append(.paragraph(block.text, .centered))
                }
            }
        }
        b.append(.paragraph(Strings["bulletin.attachmentsLabel"].text(d.language) + d.attachmentList.joined(separator: "\n"), .plain))
        b.append(.paragraph(d.signature + "\n" + d.dateLine, DOCXStyle(alignment: .right)))
        for a in d.attachments {
            b.append(.pageBreak)
            b.append(.paragraph(Strings.format("bulletin.attachmentLabel", ["n": String(a.number)]).text(d.language), .plain))
            b.append(.paragraph(a.title, DOCXStyle(alignment: .center, size: 16, bold: true)))
            b.append(.table([a.header] + a.rows))
            if let note = a.note { b.append(.paragraph(note, .plain)) }
        }
        b.append(.paragraph(d.reportTo, .plain))
        b.append(.paragraph(d.copyTo, .plain))
        b.append(.paragraph(d.bureau + "    " + d.issuedLine, DOCXStyle(alignment: .right)))
        return try DOCX.write(b)
    }

    /// The bytes of `format`; `attachment` picks the CSV's attachment.
    public static func render(_ d: BulletinDocument, html: String, format: BulletinFormat, attachment: Int?) throws -> Data? {
        switch format {
        case .html: return Data(html.utf8)
        case .xlsx: return try xlsx(d)
        case .docx: return try docx(d)
        case .csv: return csv(d, attachment: attachment ?? 1)
        }
    }

    /// A download name: 每周通报-2018-05-18.docx, 每周通报-2018-05-18-附件1.csv.
    public static func filename(_ d: BulletinDocument, format: BulletinFormat, attachment: Int?) -> String {
        let stem = (d.kind == .weekly ? (d.language == .zh ? "每周通报" : "bulletin") : (d.language == .zh ? "月报" : "monthly")) + "-" + d.end
        if format == .csv { return stem + "-" + sheetName(attachment ?? 1, d.language) + ".csv" }
        return stem + "." + format.rawValue
    }

    static func sheetName(_ n: Int, _ language: Language) -> String { language == .zh ? "附件\(n)" : "Attachment \(n)" }
}
