import Foundation

/// The dimensions quality is reported on (数据质量维度), as in the bureau's governance reports.
///
/// Every rule is tagged with exactly one dimension, so pass rates per dimension add up from
/// the rules' own counts without any second classification step.
public enum QualityDimension: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    /// 完整性: required values are present.
    case completeness
    /// 准确性: values are plausible (in the code list, in range, not in the future).
    case accuracy
    /// 规范性: values have the prescribed type, length and format.
    case conformity
    /// 一致性: values agree with each other within a record.
    case consistency
    /// 唯一性: keys occur once.
    case uniqueness
    /// 关联性: values exist where they refer to.
    case relations
    /// 及时性: data arrives as often as the update cycle promises.
    case timeliness

    /// The dimension's name in both console languages (string table `dim.*`).
    public var label: Localized { Strings["dim.\(rawValue)"] }

    /// Position in `allCases`; lets hot loops count per dimension in a flat array instead of
    /// hashing into a dictionary for every rule evaluation.
    var ordinal: Int {
        switch self {
        case .completeness: 0
        case .accuracy: 1
        case .conformity: 2
        case .consistency: 3
        case .uniqueness: 4
        case .relations: 5
        case .timeliness: 6
        }
    }
}

/// What a quality rule checks.
public enum RuleKind: String, Codable, Sendable, CaseIterable {
    /// The value is present (not null, not the empty string).
    case notNull
    /// The value parses as the field's data type.
    case type
    /// The value has at most `maxLength` characters (Unicode scalars, as databases count).
    case length
    /// The whole value matches the regular expression `pattern`.
    case pattern
    /// The value is one of `values` (a code list or dictionary, e.g. gender or division codes).
    case codeList
    /// The value lies within `min`…`max` (numbers) or `minDate`…`maxDate` (dates).
    case range
    /// A resident identity number with a correct check character and a real birth date.
    case residentID
    /// A unified social credit code with correct check characters.
    case creditCode
    /// A mainland mobile number.
    case mobile
    /// A mainland fixed-line number.
    case landline
    /// A mobile or a fixed-line number.
    case phone
    /// A date (or date-time) that is not after today.
    case dateNotFuture
    /// The key (or the field's value) occurs once, within the batch or among stored rows.
    case unique
    /// Two fields of one record agree (see ``CrossFieldCheck``).
    case crossField
    /// The value exists as a key of another resource.
    case reference
    /// The resource is updated as often as its update cycle says.
    case timeliness

    /// The dimension a rule of this kind reports on unless the rule says otherwise.
    public var defaultDimension: QualityDimension {
        switch self {
        case .notNull: .completeness
        case .type, .length, .pattern, .residentID, .creditCode, .mobile, .landline, .phone: .conformity
        case .codeList, .range, .dateNotFuture: .accuracy
        case .crossField: .consistency
        case .unique: .uniqueness
        case .reference: .relations
        case .timeliness: .timeliness
        }
    }

    /// The rule kind's name in both console languages (string table `rule.*`).
    public var label: Localized { Strings["rule.\(rawValue)"] }
}
