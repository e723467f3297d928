/// Why a spreadsheet file could not be read or written.
///
/// Messages speak to the person who uploaded the file; the internal cause (zlib status,
/// byte offset) is deliberately not carried, so nothing internal leaks into a page.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: String, Sendable, Equatable {
        /// The bytes are not a zip archive, or the archive is damaged.
        case notZip
        /// The bytes are an old binary .xls or a password-protected workbook (both are OLE
        /// compound files), which departments often still send.
        case legacyFormat
        /// A zip archive, but not an Office Open XML spreadsheet.
        case notXLSX
        /// An xlsx package without its workbook part.
        case missingWorkbook
        /// A part of the package is not well-formed XML.
        case malformedXML
        /// A CSV quoted field is never closed.
        case unterminatedQuote
        /// CSV text is neither UTF-8, UTF-16 with BOM, nor GB18030.
        case unknownEncoding
        /// A part, or the whole package, uncompresses to more than the allowed size.
        case tooLarge
        /// The spreadsheet could not be written.
        case writeFailed
    }

    /// What went wrong.
    public let reason: Reason
    /// The 1-based line (CSV) the problem starts on, when known.
    public let line: Int?
    /// The package part (for example `xl/worksheets/sheet1.xml`) the problem is in, when known.
    public let part: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - line: The 1-based line the problem starts on, when known.
    ///   - part: The package part the problem is in, when known.
    public init(_ reason: Reason, line: Int? = nil, part: String? = nil) {
        self.reason = reason
        self.line = line
        self.part = part
    }

    /// A stable key for the string table, for example `spreadsheet.unterminatedQuote`.
    public var messageKey: String { "spreadsheet.\(reason.rawValue)" }

    /// A sentence for the uploader, in Chinese and English, naming the line when known.
    public var message: (zh: String, en: String) {
        let base = Self.baseMessage(reason)
        guard let line else { return base }
        return ("第\(line)行：\(base.zh)", "line \(line): \(base.en)")
    }

    /// The English message, for logs.
    public var description: String { message.en }

    private static func baseMessage(_ reason: Reason) -> (zh: String, en: String) {
        switch reason {
        case .notZip:
            ("文件不是有效的 xlsx 文件，或文件已损坏", "the file is not a valid xlsx file, or it is damaged")
        case .legacyFormat:
            ("这是旧版 .xls 或设置了密码的工作簿，请在 Excel 中另存为不加密的 .xlsx 后再上传",
             "this is a legacy .xls or password-protected workbook; save it as an unencrypted .xlsx and upload again")
        case .notXLSX:
            ("文件不是 Excel 工作簿（xlsx）", "the file is not an Excel workbook (xlsx)")
        case .missingWorkbook:
            ("xlsx 文件缺少工作簿内容", "the xlsx file has no workbook part")
        case .malformedXML:
            ("xlsx 文件内部格式错误", "the xlsx file contains malformed XML")
        case .unterminatedQuote:
            ("引号未闭合", "a quoted field is never closed")
        case .unknownEncoding:
            ("无法识别文件编码，请保存为 UTF-8 或 GB18030 编码的 CSV",
             "the text encoding is not recognised; save the CSV as UTF-8 or GB18030")
        case .tooLarge:
            ("文件解压后过大", "the file is too large once uncompressed")
        case .writeFailed:
            ("无法生成表格文件", "the spreadsheet file could not be written")
        }
    }
}
