import Foundation

/// How an open dataset may be reached by the public.
public enum OpenAccess: String, Sendable, Codable, CaseIterable {
    /// 无条件开放: L1 data, downloadable by anyone.
    case open
    /// 受限开放: L2/L3 data (or L1 marked restricted), given only to registered applicants the
    /// provider approved, and masked.
    case restricted
}

/// The one rule that decides what the open portal may show. Every open endpoint (CKAN, DCAT,
/// pages, downloads) asks it, so L4 and 禁止开放 resources cannot leak through one of them.
public enum OpenPolicy {
    /// The access a resource may be opened with, or nil when it must never appear in the
    /// open portal: retired entries, 禁止开放, L4, and grade/attribute pairs the catalog
    /// itself forbids (L2/L3 marked 无条件开放).
    public static func access(open: OpenAttribute, grade: SecurityGrade, status: ResourceStatus) -> OpenAccess? {
        guard status == .active, grade != .l4 else { return nil }
        switch open {
        case .notOpen: return nil
        case .open: return grade == .l1 ? .open : nil
        case .restricted: return .restricted
        }
    }

    /// The access for a catalog entry.
    public static func access(_ resource: Resource) -> OpenAccess? {
        access(open: resource.draft.open, grade: resource.draft.grade, status: resource.status)
    }

    /// The fields a dataset exposes: never an L4 field; in an unconditionally open dataset,
    /// only L1 fields (a field may be more sensitive than its resource's grade says).
    public static func exposedFields(_ draft: ResourceDraft, access: OpenAccess) -> [Field] {
        draft.fields.filter { f in
            switch access {
            case .open: f.sensitivity == .l1
            case .restricted: f.sensitivity < .l4
            }
        }
    }

    /// The masks applied to a restricted dataset's fields, by the sharing masking policy
    /// (``MaskKind/suggested(for:rules:)``); an open dataset is shown as stored.
    public static func masks(_ draft: ResourceDraft, fields: [Field], access: OpenAccess) -> [String: MaskKind] {
        guard access == .restricted else { return [:] }
        var out: [String: MaskKind] = [:]
        for f in fields {
            var kind = MaskKind.suggested(for: f, rules: draft.rules)
            // Anything above L1 that no convention covers is still not shown in the clear.
            if kind == .none && f.sensitivity >= .l2 { kind = .redact }
            out[f.code] = kind
        }
        return out
    }
}

/// 开放主题: the topic a dataset is filed under, from its category's 类+项 (first three digits).
public enum OpenTopic {
    /// Topic codes with their labels, in display order.
    public static let all: [(code: String, label: Localized)] = [
        ("101", Localized(zh: "人口", en: "Population")), ("102", Localized(zh: "法人", en: "Legal entities")),
        ("103", Localized(zh: "自然资源和空间地理", en: "Natural resources and geography")),
        ("104", Localized(zh: "社会信用", en: "Social credit")), ("105", Localized(zh: "电子证照", en: "Licences")),
        ("201", Localized(zh: "社会保障", en: "Social security")), ("202", Localized(zh: "住房", en: "Housing")),
        ("203", Localized(zh: "交通出行", en: "Transport")), ("204", Localized(zh: "教育", en: "Education")),
        ("205", Localized(zh: "医疗卫生", en: "Health")), ("206", Localized(zh: "生态环境与气象", en: "Environment and weather")),
        ("207", Localized(zh: "城市管理与基层治理", en: "City management")), ("210", Localized(zh: "政务服务", en: "Government services")),
        ("211", Localized(zh: "文化旅游", en: "Culture and tourism")),
    ]

    /// The topic code of a category; departmental resources (class 3) share one topic.
    public static func code(category: String) -> String {
        category.hasPrefix("3") ? "300" : String(category.prefix(3))
    }

    /// The label of a topic code.
    public static func label(_ code: String) -> Localized {
        all.first { $0.code == code }?.label ?? Localized(zh: "部门数据", en: "Departmental data")
    }

    /// The CKAN group name of a topic code (`topic-101`).
    public static func groupName(_ code: String) -> String { "topic-\(code)" }
}
