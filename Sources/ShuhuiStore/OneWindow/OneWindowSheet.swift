import Foundation
import ShuhuiCore
import ShuhuiSpreadsheet

/// A spreadsheet read for a one-window import: the header, and each non-blank row's cells by
/// header, with the row number as the user sees it. Every import here is all or nothing, so
/// problems are collected as ``FieldIssue``s naming sheet, row and column, and thrown together
/// as ``CatalogImportError`` (the same refusal the catalog import gives).
struct OneWindowSheet {
    var name: String
    var header: [String]
    var rows: [(number: Int, cells: [String: String])]

    /// Reads XLSX (by its zip signature) or CSV; picks the first sheet that has the required
    /// columns. `aliases` maps a canonical column to other headers accepted for it.
    static func read(_ data: Data, filename: String?, required: [String], aliases: [String: [String]] = [:]) throws -> OneWindowSheet {
        var sheets: [Sheet]
        do {
            if data.starts(with: [0x50, 0x4B]) {
                sheets = try XLSX.read(data)
            } else {
                sheets = [Sheet(name: filename ?? "CSV", rows: try CSV.parse(data))]
            }
        } catch {
            throw CatalogImportError.invalid([FieldIssue(field: "file", code: "unreadable",
                message: Strings.format("v.unreadable", localized: ["reason": Localized(zh: error.message.zh, en: error.message.en)]))])
        }
        func canonical(_ header: String) -> String {
            let h = header.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "*", with: "")
            for (name, others) in aliases where others.contains(h) { return name }
            return h
        }
        // A title row above the header (as the bulletin's tables have) is skipped: the header
        // is the first of the top five rows that names every required column.
        var chosen: (Sheet, Int)?
        for sheet in sheets {
            for (i, row) in sheet.rows.prefix(5).enumerated() where Set(row.map(canonical)).isSuperset(of: required) {
                chosen = (sheet, i)
                break
            }
            if chosen != nil { break }
        }
        guard let (sheet, headerIndex) = chosen else {
            let sheet = sheets.first ?? Sheet(name: filename ?? "Sheet1", rows: [])
            let present = Set((sheet.rows.first ?? []).map(canonical))
            var issues = required.filter { !present.contains($0) }.map {
                FieldIssue(sheet: sheet.name, row: 1, column: $0, code: "missing_column", message: Strings.format("v.missingColumn", ["column": $0]))
            }
            if issues.isEmpty { issues = [FieldIssue(sheet: sheet.name, row: 1, column: nil, code: "empty", message: Strings["v.emptySheet"])] }
            throw CatalogImportError.invalid(issues)
        }
        let header = sheet.rows[headerIndex].map(canonical)
        var rows: [(number: Int, cells: [String: String])] = []
        for (i, row) in sheet.rows.enumerated().dropFirst(headerIndex + 1) {
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var cells: [String: String] = [:]
            for (c, name) in header.enumerated() where !name.isEmpty {
                cells[name] = c < row.count ? row[c].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            rows.append((i + 1, cells))
        }
        if rows.isEmpty {
            throw CatalogImportError.invalid([FieldIssue(sheet: sheet.name, row: headerIndex + 2, column: nil, code: "empty", message: Strings["v.emptySheet"])])
        }
        return OneWindowSheet(name: sheet.name, header: header, rows: rows)
    }

    /// 是/否 and the usual spellings; nil for anything else.
    static func yesNo(_ cell: String) -> Bool? {
        switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
        case "是", "y", "yes", "true", "1", "√", "已接入", "已对接": true
        case "否", "n", "no", "false", "0", "", "未接入", "未对接": false
        default: nil
        }
    }

    /// A date cell: `YYYY-MM-DD`, also written with `/` or `.`, as `YYYY-MM-DD`.
    static func date(_ cell: String) -> String? {
        let t = cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let parts = t.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), let day = CalendarDate(year: y, month: m, day: d) else { return nil }
        return day.description
    }

    /// A non-negative whole number (`1,234` and `12.0` accepted).
    static func count(_ cell: String) -> Int? {
        guard let d = DecimalText.parse(cell), d >= 0, d == DecimalText.rounded(d, decimals: 0), d < 1_000_000_000_000 else { return nil }
        return NSDecimalNumber(decimal: d).intValue
    }
}

/// Collects import problems for one sheet.
struct ImportIssues {
    let sheet: String
    var list: [FieldIssue] = []

    mutating func add(_ row: Int, _ column: String?, _ key: String, _ values: [String: String] = [:]) {
        list.append(FieldIssue(sheet: sheet, row: row, column: column, code: String(key.split(separator: ".").last ?? ""), message: Strings.format(key, values)))
    }

    mutating func add(_ row: Int, _ column: String?, code: String, _ message: Localized) {
        list.append(FieldIssue(sheet: sheet, row: row, column: column, code: code, message: message))
    }
}
