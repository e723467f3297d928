/// A table of the bulletin (an attachment, or 表 1 inside section 二), every cell as printed.
public struct AttachmentTable: Sendable, Codable, Equatable {
    /// 1-based attachment number (0 for a table inside the text).
    public var number: Int
    /// The table's title (数据归集情况).
    public var title: String
    /// Column headings.
    public var header: [String]
    /// Body rows, including the 其他 and 合计 rows.
    public var rows: [[String]]
    /// A note printed under the table.
    public var note: String?

    /// Creates a table.
    public init(number: Int, title: String, header: [String], rows: [[String]], note: String? = nil) {
        self.number = number
        self.title = title
        self.header = header
        self.rows = rows
        self.note = note
    }
}

/// One block of a section: a paragraph, a numbered sub-heading, the trend chart or a table.
public struct BulletinBlock: Sendable, Codable, Equatable {
    /// What the block is.
    public enum Kind: String, Sendable, Codable {
        /// Body text.
        case paragraph
        /// A sub-heading, e.g. （一）归集情况.
        case subheading
        /// 图 1: the cumulative trend; `text` is the caption.
        case chart
        /// A table inside the text; `text` is the caption.
        case table
        /// A note (备注).
        case note
    }
    /// The kind.
    public var kind: Kind
    /// The text (caption for charts and tables).
    public var text: String
    /// The table, for `.table`.
    public var table: AttachmentTable?

    /// Creates a block.
    public init(_ kind: Kind, _ text: String, table: AttachmentTable? = nil) {
        self.kind = kind
        self.text = text
        self.table = table
    }
}

/// A numbered section (一、面上工作).
public struct BulletinSection: Sendable, Codable, Equatable {
    /// The heading with its number.
    public var heading: String
    /// The blocks, in order.
    public var blocks: [BulletinBlock]

    /// Creates a section.
    public init(heading: String, blocks: [BulletinBlock]) {
        self.heading = heading
        self.blocks = blocks
    }
}

/// The bulletin as a document: everything every format (console page, HTML, DOCX, XLSX, CSV)
/// prints, already worded and formatted. An issued bulletin keeps this value frozen.
public struct BulletinDocument: Sendable, Codable, Equatable {
    /// Weekly or monthly, and the period's bounds (YYYY-MM-DD).
    public var kind: ReportKind
    public var start: String
    public var end: String
    /// The language it is written in.
    public var language: Language
    /// The line above the title (围绕“最多跑一次”改革 杭州市数据资源归集共享情况).
    public var heading: String
    /// 每周通报 / 月报.
    public var title: String
    /// The issuing bureau.
    public var bureau: String
    /// 2018年5月18日.
    public var dateLine: String
    /// The sections, numbered.
    public var sections: [BulletinSection]
    /// 附件 list as printed after the sections.
    public var attachmentList: [String]
    /// The attachments.
    public var attachments: [AttachmentTable]
    /// 图 1 data.
    public var trend: [TrendPoint]
    /// The signature (市数据资源局) and its date.
    public var signature: String
    /// 报：… and 抄送：… lines.
    public var reportTo: String
    public var copyTo: String
    /// The issuing line (杭州市数据资源管理局 2018年5月18日印发).
    public var issuedLine: String
}

/// Section 三 and 附件 6: the one-window platform's figures, supplied by the one-window
/// capability (issue 6) when it has data for the period.
public struct OneWindowSection: Sendable, Codable, Equatable {
    /// The paragraphs of section 三.
    public var blocks: [BulletinBlock]
    /// 附件 6 (its number is set by the composer).
    public var attachment: AttachmentTable?

    /// Creates the section.
    public init(blocks: [BulletinBlock], attachment: AttachmentTable?) {
        self.blocks = blocks
        self.attachment = attachment
    }
}

/// The bureau's wording around the figures: set by an administrator, defaults from the string table.
public struct BulletinSettings: Sendable, Codable, Equatable {
    /// The line above the title.
    public var heading: String
    /// The issuing bureau's name.
    public var bureau: String
    /// The signature's short name.
    public var signature: String
    /// 报 list.
    public var reportTo: String
    /// 抄送 list.
    public var copyTo: String
    /// Units printed one by one in each attachment before the 其他 row.
    public var topUnits: Int

    /// Creates settings.
    public init(heading: String, bureau: String, signature: String, reportTo: String, copyTo: String, topUnits: Int = 10) {
        self.heading = heading
        self.bureau = bureau
        self.signature = signature
        self.reportTo = reportTo
        self.copyTo = copyTo
        self.topUnits = topUnits
    }

    /// The defaults, from the string table, in `language`.
    public static func defaults(_ language: Language) -> BulletinSettings {
        BulletinSettings(heading: Strings["bulletin.heading"].text(language), bureau: Strings["app.bureau"].text(language),
                         signature: Strings["bulletin.signature"].text(language), reportTo: Strings["bulletin.reportTo"].text(language),
                         copyTo: Strings["bulletin.copyTo"].text(language))
    }
}
