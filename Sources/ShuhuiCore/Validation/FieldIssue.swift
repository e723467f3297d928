import Foundation

/// One thing wrong with one input value: the field (or sheet, row and column) and why.
///
/// Every layer reports bad input with these, so an API client, a console page and the CLI can
/// all name exactly where the problem is.
public struct FieldIssue: Error, Sendable, Equatable, Codable {
    /// JSON path or form field name, e.g. `fields[2].code`.
    public var field: String?
    /// Worksheet name, for spreadsheet imports.
    public var sheet: String?
    /// 1-based row number as the user sees it in the spreadsheet.
    public var row: Int?
    /// Column header as the user sees it (e.g. 信息项名称).
    public var column: String?
    /// Stable machine-readable code, e.g. `invalid_credit_code`.
    public var code: String
    /// The reason in both languages.
    public var message: Localized

    /// Creates an issue for a field of a JSON body or form.
    public init(field: String?, code: String, message: Localized) {
        self.field = field
        self.code = code
        self.message = message
    }

    /// Creates an issue for a spreadsheet cell.
    public init(sheet: String, row: Int, column: String?, code: String, message: Localized) {
        self.sheet = sheet
        self.row = row
        self.column = column
        self.code = code
        self.message = message
    }
}

/// Input rejected for one or more reasons; nothing was applied.
public struct ValidationFailure: Error, Sendable, Equatable {
    /// Every problem found, in input order.
    public var issues: [FieldIssue]

    /// Wraps the issues found.
    public init(_ issues: [FieldIssue]) { self.issues = issues }

    /// A failure with a single issue.
    public init(field: String?, code: String, message: Localized) {
        self.issues = [FieldIssue(field: field, code: code, message: message)]
    }
}
