// Lenient decoding for catalog descriptions: the required elements must be there, the rest
// take the defaults a department would expect, so API clients send only what they know.

extension ResourceDraft {
    /// JSON keys a client may send.
    public static let knownKeys: Set<String> = [
        "name", "categoryCode", "providerID", "sourceSystemID", "summary", "format", "updateCycle", "sharing",
        "sharingCondition", "sharingModes", "open", "openCondition", "grade", "publishedOn", "relatedCodes", "tags", "fields", "rules",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            categoryCode: try c.decode(String.self, forKey: .categoryCode),
            providerID: try c.decode(Int64.self, forKey: .providerID),
            sourceSystemID: try c.decodeIfPresent(Int64.self, forKey: .sourceSystemID),
            summary: try c.decodeIfPresent(String.self, forKey: .summary) ?? "",
            format: try c.decodeIfPresent(ResourceFormat.self, forKey: .format) ?? .table,
            updateCycle: try c.decodeIfPresent(UpdateCycle.self, forKey: .updateCycle) ?? .irregular,
            sharing: try c.decode(SharingAttribute.self, forKey: .sharing),
            sharingCondition: try c.decodeIfPresent(String.self, forKey: .sharingCondition) ?? "",
            sharingModes: try c.decodeIfPresent([SharingMode].self, forKey: .sharingModes) ?? [],
            open: try c.decode(OpenAttribute.self, forKey: .open),
            openCondition: try c.decodeIfPresent(String.self, forKey: .openCondition) ?? "",
            grade: try c.decode(SecurityGrade.self, forKey: .grade),
            publishedOn: try c.decodeIfPresent(String.self, forKey: .publishedOn),
            relatedCodes: try c.decodeIfPresent([String].self, forKey: .relatedCodes) ?? [],
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            fields: try c.decodeIfPresent([Field].self, forKey: .fields) ?? [],
            rules: try c.decodeIfPresent([QualityRule].self, forKey: .rules) ?? [])
    }
}

extension Field {
    /// JSON keys a client may send for a field.
    public static let knownKeys: Set<String> = ["name", "code", "type", "length", "required", "primaryKey", "summary", "sensitivity", "sharing"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            code: try c.decode(String.self, forKey: .code),
            type: try c.decode(FieldType.self, forKey: .type),
            length: try c.decodeIfPresent(Int.self, forKey: .length),
            required: try c.decodeIfPresent(Bool.self, forKey: .required) ?? false,
            primaryKey: try c.decodeIfPresent(Bool.self, forKey: .primaryKey) ?? false,
            summary: try c.decodeIfPresent(String.self, forKey: .summary) ?? "",
            sensitivity: try c.decodeIfPresent(SecurityGrade.self, forKey: .sensitivity) ?? .l1,
            sharing: try c.decodeIfPresent(SharingAttribute.self, forKey: .sharing))
    }
}
