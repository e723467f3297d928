/// One worksheet as plain text: what a department sees in its spreadsheet, cell by cell.
///
/// Every cell is a string so that nothing is lost on the way in (leading zeros in codes,
/// 18-digit IDs that a number type would round). Row 0 is the header row, which the user
/// sees as row 1; rows may have different lengths.
public struct Sheet: Sendable, Equatable {
    /// The tab name.
    public var name: String
    /// The cells, row by row.
    public var rows: [[String]]

    /// Creates a sheet.
    ///
    /// - Parameters:
    ///   - name: The tab name; `XLSX.write` makes it legal for Excel if it is not.
    ///   - rows: The cells, row 0 being the header row.
    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}
