import Foundation

/// 资源分类: the three resource classes of the national guideline.
public enum ResourceClass: String, Sendable, Codable, CaseIterable {
    /// 基础信息资源 (人口, 法人, 自然资源和空间地理, 社会信用, 电子证照): class code 1.
    case base
    /// 主题信息资源: class code 2.
    case theme
    /// 部门信息资源: class code 3.
    case department

    /// The guideline's one-digit class code.
    public var digit: Character {
        switch self {
        case .base: "1"
        case .theme: "2"
        case .department: "3"
        }
    }

    /// The class a category code starts with.
    public init?(categoryCode: String) {
        switch categoryCode.first {
        case "1": self = .base
        case "2": self = .theme
        case "3": self = .department
        default: return nil
        }
    }
}

/// Lifecycle of a catalog entry. Retired entries stay for history but leave searches.
public enum ResourceStatus: String, Sendable, Codable, CaseIterable {
    case active
    case retired
}

/// The editable description of a catalog resource: what a department fills in.
public struct ResourceDraft: Sendable, Codable, Equatable {
    /// 信息资源名称.
    public var name: String
    /// 信息资源分类代码: 类 (1 digit) + 项 (2) + 目 (3) + optional 细目 digits, e.g. 101001.
    public var categoryCode: String
    /// 提供方.
    public var providerID: Int64
    /// 来源系统, if registered in the census.
    public var sourceSystemID: Int64?
    /// 信息资源摘要.
    public var summary: String
    /// 信息资源格式.
    public var format: ResourceFormat
    /// 更新周期.
    public var updateCycle: UpdateCycle
    /// 共享类型.
    public var sharing: SharingAttribute
    /// 共享条件 (required when conditional).
    public var sharingCondition: String
    /// 共享方式.
    public var sharingModes: [SharingMode]
    /// 开放属性.
    public var open: OpenAttribute
    /// 开放条件.
    public var openCondition: String
    /// 安全级别.
    public var grade: SecurityGrade
    /// 发布日期 (YYYY-MM-DD), if published.
    public var publishedOn: String?
    /// 关联资源代码.
    public var relatedCodes: [String]
    /// Free tags.
    public var tags: [String]
    /// 信息项.
    public var fields: [Field]
    /// Quality rules beyond those the fields imply (required, type, length, primary key).
    public var rules: [QualityRule]

    enum CodingKeys: String, CodingKey {
        case name, categoryCode, providerID, sourceSystemID, summary, format, updateCycle, sharing, sharingCondition,
            sharingModes, open, openCondition, grade, publishedOn, relatedCodes, tags, fields, rules
    }

    /// Creates a draft.
    public init(
        name: String, categoryCode: String, providerID: Int64, sourceSystemID: Int64? = nil,
        summary: String = "", format: ResourceFormat = .table, updateCycle: UpdateCycle = .daily,
        sharing: SharingAttribute, sharingCondition: String = "", sharingModes: [SharingMode] = [],
        open: OpenAttribute, openCondition: String = "", grade: SecurityGrade,
        publishedOn: String? = nil, relatedCodes: [String] = [], tags: [String] = [], fields: [Field],
        rules: [QualityRule] = []
    ) {
        self.name = name
        self.categoryCode = categoryCode
        self.providerID = providerID
        self.sourceSystemID = sourceSystemID
        self.summary = summary
        self.format = format
        self.updateCycle = updateCycle
        self.sharing = sharing
        self.sharingCondition = sharingCondition
        self.sharingModes = sharingModes
        self.open = open
        self.openCondition = openCondition
        self.grade = grade
        self.publishedOn = publishedOn
        self.relatedCodes = relatedCodes
        self.tags = tags
        self.fields = fields
        self.rules = rules
    }

    /// The sharing attribute that applies to `field`: its own, never looser than the resource's.
    public func effectiveSharing(of field: Field) -> SharingAttribute {
        guard let own = field.sharing else { return sharing }
        if sharing == .notShared || own == .notShared { return .notShared }
        if sharing == .conditional || own == .conditional { return .conditional }
        return .unconditional
    }
}

/// A catalog entry (数据资源) as stored: the draft plus identity and history.
public struct Resource: Sendable, Codable, Equatable, Identifiable {
    /// Database identity.
    public var id: Int64
    /// 信息资源代码, e.g. `101001-00003`.
    public var code: String
    /// The current description.
    public var draft: ResourceDraft
    /// Current version number, from 1.
    public var version: Int
    /// Active or retired.
    public var status: ResourceStatus
    /// First registered.
    public var createdAt: Date
    /// Last changed.
    public var updatedAt: Date

    /// Creates a stored resource.
    public init(
        id: Int64, code: String, draft: ResourceDraft, version: Int, status: ResourceStatus,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.code = code
        self.draft = draft
        self.version = version
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
