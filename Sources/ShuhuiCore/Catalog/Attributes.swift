import Foundation

/// 共享属性: whether and how freely a resource is shared between departments.
public enum SharingAttribute: String, Sendable, Codable, CaseIterable {
    /// 无条件共享.
    case unconditional
    /// 有条件共享 (Zhejiang texts: 受限共享).
    case conditional
    /// 不予共享.
    case notShared

    /// Parses the English code or any of the Chinese spellings departments use.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "unconditional", "无条件共享", "无条件": self = .unconditional
        case "conditional", "有条件共享", "受限共享", "有条件": self = .conditional
        case "notShared", "不予共享", "不共享": self = .notShared
        default: return nil
        }
    }

    /// Whether anything under this attribute can be shared at all.
    public var isShareable: Bool { self != .notShared }
}

/// 共享方式: the delivery modes a shared resource offers.
public enum SharingMode: String, Sendable, Codable, CaseIterable {
    /// 数据推送 / 批量交换.
    case push
    /// 接口调用.
    case api
    /// 页面查询.
    case query

    /// Parses the English code or the Chinese label.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "push", "数据推送", "推送", "批量交换": self = .push
        case "api", "接口调用", "接口": self = .api
        case "query", "页面查询", "查询": self = .query
        default: return nil
        }
    }
}

/// 开放属性: whether a resource may be opened to the public.
public enum OpenAttribute: String, Sendable, Codable, CaseIterable {
    /// 无条件开放.
    case open
    /// 受限开放 (after application, approval and masking).
    case restricted
    /// 禁止开放 / 不予开放.
    case notOpen

    /// Parses the English code or the Chinese label.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "open", "无条件开放", "开放": self = .open
        case "restricted", "受限开放", "有条件开放": self = .restricted
        case "notOpen", "禁止开放", "不予开放", "不开放": self = .notOpen
        default: return nil
        }
    }
}

/// 安全级别 per DB33/T 2350-2021: L4 敏感 … L1 不敏感.
public enum SecurityGrade: String, Sendable, Codable, CaseIterable, Comparable {
    case l1 = "L1"
    case l2 = "L2"
    case l3 = "L3"
    case l4 = "L4"

    /// Parses "L3", "l3", "3" or "3级".
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespaces).uppercased()
            .replacingOccurrences(of: "级", with: "")
        switch t {
        case "L1", "1": self = .l1
        case "L2", "2": self = .l2
        case "L3", "3": self = .l3
        case "L4", "4": self = .l4
        default: return nil
        }
    }

    private var rank: Int { Int(rawValue.dropFirst()) ?? 0 }
    public static func < (a: SecurityGrade, b: SecurityGrade) -> Bool { a.rank < b.rank }

    /// Open attributes a resource of this grade may carry: L4 never opens; L2 and L3 only as
    /// restricted opening.
    public func allows(_ open: OpenAttribute) -> Bool {
        switch (self, open) {
        case (_, .notOpen): true
        case (.l1, _): true
        case (.l2, .restricted), (.l3, .restricted): true
        default: false
        }
    }
}

/// 更新周期.
public enum UpdateCycle: String, Sendable, Codable, CaseIterable {
    case realtime, daily, weekly, monthly, quarterly, yearly, irregular

    /// Parses the English code or the Chinese label.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "realtime", "实时": self = .realtime
        case "daily", "每日", "每天", "日": self = .daily
        case "weekly", "每周", "周": self = .weekly
        case "monthly", "每月", "月": self = .monthly
        case "quarterly", "每季度", "季度": self = .quarterly
        case "yearly", "每年", "年": self = .yearly
        case "irregular", "不定期": self = .irregular
        default: return nil
        }
    }
}

/// 信息项数据类型.
public enum FieldType: String, Sendable, Codable, CaseIterable {
    case string, integer, decimal, date, datetime, boolean

    /// Parses the English code or the Chinese labels used in catalog templates.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces).lowercased() {
        case "string", "字符型", "字符串", "字符", "varchar", "c": self = .string
        case "integer", "整型", "整数", "int", "n": self = .integer
        case "decimal", "数值型", "数值", "小数", "number": self = .decimal
        case "date", "日期型", "日期", "d": self = .date
        case "datetime", "日期时间型", "日期时间", "时间", "t": self = .datetime
        case "boolean", "布尔型", "布尔", "b": self = .boolean
        default: return nil
        }
    }
}

/// 资源格式.
public enum ResourceFormat: String, Sendable, Codable, CaseIterable {
    /// Structured table (数据库表).
    case table
    /// Files (电子文件).
    case file
    /// A service interface.
    case service

    /// Parses the English code or the Chinese label.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "table", "数据库", "数据库表", "结构化数据", "表": self = .table
        case "file", "电子文件", "文件": self = .file
        case "service", "接口", "服务接口": self = .service
        default: return nil
        }
    }
}

// String-keyed dictionaries of these encode as JSON objects, not pair arrays.
extension SharingAttribute: CodingKeyRepresentable {}
extension OpenAttribute: CodingKeyRepresentable {}
extension SecurityGrade: CodingKeyRepresentable {}
extension ResourceClass: CodingKeyRepresentable {}
