import Foundation

/// Excel workbooks (Office Open XML, .xlsx) read as text and written as plain text cells.
public enum XLSX {
    /// Reads every worksheet of an xlsx file, in tab order.
    ///
    /// Cells are placed by their references, gaps become empty strings, and trailing empty
    /// cells and rows are trimmed. Values are rendered as Excel's General format shows them:
    /// shared and inline strings as written, booleans as TRUE/FALSE, numbers without float
    /// noise (`12.0` → `12`), and numbers in date or time formats as ISO `yyyy-MM-dd` /
    /// `HH:mm:ss`. Formulas give their cached values. Chart sheets are skipped.
    ///
    /// - Parameter data: The file contents.
    /// - Returns: The sheets with their tab names.
    /// - Throws: `SpreadsheetError` — `.notZip`, `.legacyFormat`, `.notXLSX`,
    ///   `.missingWorkbook`, `.malformedXML`, or `.tooLarge` for parts that would
    ///   uncompress past 200 MB (zip bombs).
    public static func read(_ data: Data) throws(SpreadsheetError) -> [Sheet] {
        var reader = try XLSXReader(data)
        return try reader.sheets()
    }

    /// Writes sheets as a minimal xlsx workbook that Excel, WPS and LibreOffice open.
    ///
    /// Every cell is written as text with the text number format, so IDs and codes stay
    /// exactly as given (Excel would otherwise show an 18-digit ID as 3.30106E+17). The
    /// first row is bold and frozen; column widths follow the content, counting Chinese
    /// characters double. Sheet names are made legal for Excel: at most 31 characters,
    /// none of `[]:*?/\`, unique ignoring case.
    ///
    /// - Parameter sheets: The sheets in tab order; an empty list writes one empty sheet,
    ///   since a workbook must have one.
    /// - Returns: The xlsx file contents.
    /// - Throws: `SpreadsheetError.writeFailed` if the archive cannot be built.
    public static func write(_ sheets: [Sheet]) throws(SpreadsheetError) -> Data {
        try XLSXWriter.write(sheets.isEmpty ? [Sheet(name: "Sheet1", rows: [])] : sheets)
    }
}
