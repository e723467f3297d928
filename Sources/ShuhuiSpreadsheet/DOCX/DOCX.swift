import Foundation

/// One block of a Word document, as the bulletin needs them.
public enum DOCXBlock: Sendable, Equatable {
    /// A paragraph.
    ///
    /// - Parameters:
    ///   - text: the text; line breaks inside become `<w:br/>`.
    ///   - style: its look.
    case paragraph(String, DOCXStyle)
    /// A table with a bold first row and borders.
    case table([[String]])
    /// Starts a new page.
    case pageBreak
}

/// The looks a paragraph can have.
public struct DOCXStyle: Sendable, Equatable {
    /// Where the text sits.
    public enum Alignment: String, Sendable { case left, center, right, both }
    /// Alignment.
    public var alignment: Alignment
    /// Size in points.
    public var size: Int
    /// Bold.
    public var bold: Bool
    /// Hex colour (RRGGBB) or nil for black.
    public var color: String?
    /// First-line indent of two characters (Chinese body text).
    public var indent: Bool

    /// Creates a style.
    public init(alignment: Alignment = .both, size: Int = 14, bold: Bool = false, color: String? = nil, indent: Bool = false) {
        self.alignment = alignment
        self.size = size
        self.bold = bold
        self.color = color
        self.indent = indent
    }

    /// Body text: justified, 14 pt, indented two characters.
    public static let body = DOCXStyle(indent: true)
    /// A section heading.
    public static let heading = DOCXStyle(size: 15, bold: true)
    /// A plain line.
    public static let plain = DOCXStyle()
    /// A centred line.
    public static let centered = DOCXStyle(alignment: .center)
}

/// Writes Office Open XML word-processing documents (.docx) that Word, WPS and LibreOffice
/// open: one document part, one style part, A4 pages.
public enum DOCX {
    /// The .docx bytes of `blocks`. Deterministic: the same blocks give the same bytes.
    public static func write(_ blocks: [DOCXBlock]) throws(SpreadsheetError) -> Data {
        try DOCXWriter.write(blocks)
    }
}
