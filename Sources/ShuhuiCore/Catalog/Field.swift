/// 信息项: one column of a catalog resource.
public struct Field: Sendable, Codable, Equatable, Hashable {
    /// Chinese name as departments write it, e.g. 公民身份号码.
    public var name: String
    /// Identifier used as the column name: lowercase ASCII letters, digits and `_`.
    public var code: String
    /// Data type.
    public var type: FieldType
    /// Maximum length for strings, precision for decimals; nil when not stated.
    public var length: Int?
    /// Whether a value is required.
    public var required: Bool
    /// Whether the field is (part of) the primary key.
    public var primaryKey: Bool
    /// Free description.
    public var summary: String
    /// Grade of the field itself; a field may be more sensitive than its resource.
    public var sensitivity: SecurityGrade
    /// The field's own sharing attribute; defaults to the resource's.
    public var sharing: SharingAttribute?

    enum CodingKeys: String, CodingKey {
        case name, code, type, length, required, primaryKey, summary, sensitivity, sharing
    }

    /// Creates a field description.
    public init(
        name: String, code: String, type: FieldType, length: Int? = nil, required: Bool = false,
        primaryKey: Bool = false, summary: String = "", sensitivity: SecurityGrade = .l1,
        sharing: SharingAttribute? = nil
    ) {
        self.name = name
        self.code = code
        self.type = type
        self.length = length
        self.required = required
        self.primaryKey = primaryKey
        self.summary = summary
        self.sensitivity = sensitivity
        self.sharing = sharing
    }

    /// Whether `code` is a usable column identifier.
    public static func isValidCode(_ code: String) -> Bool {
        guard let first = code.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            code.utf8.count <= 63
        else { return false }
        return code.utf8.allSatisfy { c in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_")
        }
    }
}
