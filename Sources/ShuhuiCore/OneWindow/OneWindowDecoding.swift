import Foundation

// JSON input with defaults: only identity fields are required; the rest may be left out.

extension MatterDraft {
    private enum Keys: String, CodingKey {
        case basicCode, code, name, kind, organizationID, level, legalDays, promisedDays, systemID, systemName, systemLevel, caseVolume
        case contact, phone, scope, districts, audience, top100, nearby, online, onlineException, join
    }

    /// The JSON keys accepted.
    public static let knownKeys: Set<String> = [
        "basicCode", "code", "name", "kind", "organizationID", "level", "legalDays", "promisedDays", "systemID", "systemName", "systemLevel",
        "caseVolume", "contact", "phone", "scope", "districts", "audience", "top100", "nearby", "online", "onlineException", "join",
    ]

    /// Decodes a matter; `code`, `name`, `kind`, `organizationID` and `level` are required,
    /// `basicCode` defaults to `code`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let code = try c.decode(String.self, forKey: .code)
        self.init(
            basicCode: try c.decodeIfPresent(String.self, forKey: .basicCode) ?? code, code: code, name: try c.decode(String.self, forKey: .name),
            kind: try c.decode(MatterKind.self, forKey: .kind), organizationID: try c.decode(Int64.self, forKey: .organizationID),
            level: try c.decode(MatterLevel.self, forKey: .level), legalDays: try c.decodeIfPresent(Int.self, forKey: .legalDays),
            promisedDays: try c.decodeIfPresent(Int.self, forKey: .promisedDays), systemID: try c.decodeIfPresent(Int64.self, forKey: .systemID),
            systemName: try c.decodeIfPresent(String.self, forKey: .systemName) ?? "", systemLevel: try c.decodeIfPresent(SystemLevel.self, forKey: .systemLevel),
            caseVolume: try c.decodeIfPresent(Int.self, forKey: .caseVolume) ?? 0, contact: try c.decodeIfPresent(String.self, forKey: .contact) ?? "",
            phone: try c.decodeIfPresent(String.self, forKey: .phone) ?? "", scope: try c.decodeIfPresent(String.self, forKey: .scope) ?? "",
            districts: try c.decodeIfPresent([String].self, forKey: .districts) ?? [], audience: try c.decodeIfPresent(MatterAudience.self, forKey: .audience) ?? .both,
            top100: try c.decodeIfPresent(Bool.self, forKey: .top100) ?? false, nearby: try c.decodeIfPresent(Bool.self, forKey: .nearby) ?? false,
            online: try c.decodeIfPresent(Bool.self, forKey: .online) ?? false, onlineException: try c.decodeIfPresent(OnlineException.self, forKey: .onlineException),
            join: try c.decodeIfPresent(JoinStatus.self, forKey: .join) ?? JoinStatus())
    }
}

extension BundleDraft {
    private enum Keys: String, CodingKey { case code, name, organizationID, audience, matterCodes }

    /// The JSON keys accepted.
    public static let knownKeys: Set<String> = ["code", "name", "organizationID", "audience", "matterCodes"]

    /// Decodes a bundle; `audience` defaults to persons.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                  organizationID: try c.decode(Int64.self, forKey: .organizationID),
                  audience: try c.decodeIfPresent(MatterAudience.self, forKey: .audience) ?? .person,
                  matterCodes: try c.decode([String].self, forKey: .matterCodes))
    }
}

extension IndicatorDraft {
    private enum Keys: String, CodingKey { case code, name, unitOfMeasure, period, higherIsBetter, percent, decimals, formula }

    /// The JSON keys accepted.
    public static let knownKeys: Set<String> = ["code", "name", "unitOfMeasure", "period", "higherIsBetter", "percent", "decimals", "formula"]

    /// Decodes a definition; only `code` and `name` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                  unitOfMeasure: try c.decodeIfPresent(String.self, forKey: .unitOfMeasure) ?? "",
                  period: try c.decodeIfPresent(IndicatorPeriodKind.self, forKey: .period) ?? .week,
                  higherIsBetter: try c.decodeIfPresent(Bool.self, forKey: .higherIsBetter) ?? true,
                  percent: try c.decodeIfPresent(Bool.self, forKey: .percent) ?? false,
                  decimals: try c.decodeIfPresent(Int.self, forKey: .decimals) ?? 0,
                  formula: try c.decodeIfPresent(String.self, forKey: .formula))
    }
}
