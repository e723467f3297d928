import Foundation

/// Which pair comparison a ``RuleKind/crossField`` rule makes.
public enum CrossFieldCheck: String, Codable, Sendable, CaseIterable {
    /// `field` is a date and `otherField` a resident ID number: the date equals the birth
    /// date encoded in characters 7–14 of the ID.
    case birthDateMatchesID
    /// `field`'s value is not earlier than `otherField`'s (dates, date-times or numbers), e.g.
    /// an end date after its start date. Equal values pass: a permit that starts and ends on
    /// the same day is real, and date-granularity fields cannot tell the order within a day.
    case after
}

/// Where a ``RuleKind/unique`` rule looks for duplicates.
public enum UniqueScope: String, Codable, Sendable, CaseIterable {
    /// Within the uploaded batch only (checked row by row by ``RecordChecker``).
    case batch
    /// Also against rows already stored for the resource (checked by the store).
    case stored
}

/// One quality rule on a field or on a whole resource, tagged with its dimension.
///
/// Only the parameters of the rule's kind are used; the others stay nil. A ``RuleKind/unique``
/// rule with `field == nil` means "the primary key" (all primary-key fields together); with a
/// field it means that field's value alone.
public struct QualityRule: Codable, Sendable, Equatable, Hashable {
    /// What is checked.
    public var kind: RuleKind
    /// Code of the field checked; nil for resource-level rules (`unique` over the primary key,
    /// `timeliness`).
    public var field: String?
    /// The dimension failures are counted in; decoding defaults it to the kind's default.
    public var dimension: QualityDimension
    /// `codeList`: the allowed values.
    public var values: [String]?
    /// `pattern`: a regular expression (ICU syntax) the whole value must match.
    public var pattern: String?
    /// `range` on numbers: the smallest allowed value.
    public var min: Double?
    /// `range` on numbers: the largest allowed value.
    public var max: Double?
    /// `range` on dates: the earliest allowed date, `YYYY-MM-DD`.
    public var minDate: String?
    /// `range` on dates: the latest allowed date, `YYYY-MM-DD`.
    public var maxDate: String?
    /// `length`: the most characters allowed; defaults to the field's length.
    public var maxLength: Int?
    /// `crossField`: the code of the field compared with `field`.
    public var otherField: String?
    /// `crossField`: how the two fields are compared.
    public var check: CrossFieldCheck?
    /// `reference`: the code of the resource whose keys the value must be among.
    public var referenceResource: String?
    /// `reference`: the field of that resource; defaults to a field with this rule's field code.
    public var referenceField: String?
    /// `unique`: where duplicates are looked for; nil means ``UniqueScope/batch``.
    public var scope: UniqueScope?
    /// A name for reports, e.g. 性别代码; the kind's label is used when nil.
    public var name: String?

    /// Creates a rule; `dimension` defaults to the kind's default dimension.
    public init(
        kind: RuleKind, field: String? = nil, dimension: QualityDimension? = nil, values: [String]? = nil,
        pattern: String? = nil, min: Double? = nil, max: Double? = nil, minDate: String? = nil, maxDate: String? = nil,
        maxLength: Int? = nil, otherField: String? = nil, check: CrossFieldCheck? = nil,
        referenceResource: String? = nil, referenceField: String? = nil, scope: UniqueScope? = nil, name: String? = nil
    ) {
        self.kind = kind
        self.field = field
        self.dimension = dimension ?? kind.defaultDimension
        self.values = values
        self.pattern = pattern
        self.min = min
        self.max = max
        self.minDate = minDate
        self.maxDate = maxDate
        self.maxLength = maxLength
        self.otherField = otherField
        self.check = check
        self.referenceResource = referenceResource
        self.referenceField = referenceField
        self.scope = scope
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case kind, field, dimension, values, pattern, min, max, minDate, maxDate, maxLength, otherField, check
        case referenceResource, referenceField, scope, name
    }

    /// JSON keys a rule may have; lets API handlers reject misspelt parameters instead of
    /// silently ignoring them.
    public static let knownKeys: Set<String> = Set(
        [CodingKeys.kind, .field, .dimension, .values, .pattern, .min, .max, .minDate, .maxDate, .maxLength,
         .otherField, .check, .referenceResource, .referenceField, .scope, .name].map(\.stringValue))

    /// Decodes a rule; a missing `dimension` becomes the kind's default, so clients only
    /// name a dimension when they want to report a rule somewhere unusual.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(RuleKind.self, forKey: .kind)
        self.init(
            kind: kind,
            field: try c.decodeIfPresent(String.self, forKey: .field),
            dimension: try c.decodeIfPresent(QualityDimension.self, forKey: .dimension),
            values: try c.decodeIfPresent([String].self, forKey: .values),
            pattern: try c.decodeIfPresent(String.self, forKey: .pattern),
            min: try c.decodeIfPresent(Double.self, forKey: .min),
            max: try c.decodeIfPresent(Double.self, forKey: .max),
            minDate: try c.decodeIfPresent(String.self, forKey: .minDate),
            maxDate: try c.decodeIfPresent(String.self, forKey: .maxDate),
            maxLength: try c.decodeIfPresent(Int.self, forKey: .maxLength),
            otherField: try c.decodeIfPresent(String.self, forKey: .otherField),
            check: try c.decodeIfPresent(CrossFieldCheck.self, forKey: .check),
            referenceResource: try c.decodeIfPresent(String.self, forKey: .referenceResource),
            referenceField: try c.decodeIfPresent(String.self, forKey: .referenceField),
            scope: try c.decodeIfPresent(UniqueScope.self, forKey: .scope),
            name: try c.decodeIfPresent(String.self, forKey: .name))
    }

    /// Encodes the kind, the dimension and the parameters that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encode(dimension, forKey: .dimension)
        try c.encodeIfPresent(values, forKey: .values)
        try c.encodeIfPresent(pattern, forKey: .pattern)
        try c.encodeIfPresent(min, forKey: .min)
        try c.encodeIfPresent(max, forKey: .max)
        try c.encodeIfPresent(minDate, forKey: .minDate)
        try c.encodeIfPresent(maxDate, forKey: .maxDate)
        try c.encodeIfPresent(maxLength, forKey: .maxLength)
        try c.encodeIfPresent(otherField, forKey: .otherField)
        try c.encodeIfPresent(check, forKey: .check)
        try c.encodeIfPresent(referenceResource, forKey: .referenceResource)
        try c.encodeIfPresent(referenceField, forKey: .referenceField)
        try c.encodeIfPresent(scope, forKey: .scope)
        try c.encodeIfPresent(name, forKey: .name)
    }

    /// The name shown in reports: the rule's own name, else its kind's label.
    public var label: Localized {
        if let name, !name.isEmpty { return Localized(zh: name, en: name) }
        return kind.label
    }

    /// The rules a resource's fields imply, so that catalog metadata alone already checks
    /// something: `notNull` for required fields, `type` for every field, `length` for string
    /// fields with a length, and one batch-scoped `unique` rule with `field == nil` (the
    /// primary key, all key fields together) when the resource has a key.
    ///
    /// Duplicates against stored rows are left to the store's ingest mode (append refuses a
    /// stored key, upsert replaces it), so the implied `unique` rule is batch-scoped.
    public static func implicitRules(for fields: [Field]) -> [QualityRule] {
        var rules: [QualityRule] = []
        for field in fields {
            if field.required { rules.append(QualityRule(kind: .notNull, field: field.code)) }
            rules.append(QualityRule(kind: .type, field: field.code))
            if field.type == .string, let length = field.length, length > 0 {
                rules.append(QualityRule(kind: .length, field: field.code, maxLength: length))
            }
        }
        if fields.contains(where: \.primaryKey) {
            rules.append(QualityRule(kind: .unique, scope: .batch))
        }
        return rules
    }
}
