import Foundation

/// 事项类型: the kinds of government service matters in the provincial power-matter library.
public enum MatterKind: String, Sendable, Codable, CaseIterable {
    /// 行政许可
    case licence
    /// 行政确认
    case confirmation
    /// 行政给付
    case payment
    /// 行政裁决
    case ruling
    /// 行政奖励
    case reward
    /// 其他行政权力
    case otherPower
    /// 公共服务
    case publicService

    /// The label used in the spreadsheets.
    public var label: String {
        switch self {
        case .licence: "行政许可"
        case .confirmation: "行政确认"
        case .payment: "行政给付"
        case .ruling: "行政裁决"
        case .reward: "行政奖励"
        case .otherPower: "其他行政权力"
        case .publicService: "公共服务"
        }
    }

    /// Reads a spreadsheet label or the code name.
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespaces)
        guard let k = Self.allCases.first(where: { $0.label == t || $0.rawValue == t }) else { return nil }
        self = k
    }
}

/// 行使层级: the level of government that carries the matter out.
public enum MatterLevel: String, Sendable, Codable, CaseIterable {
    /// 市级
    case municipal
    /// 区县级
    case district
    /// 乡镇（街道）级
    case township

    /// The label used in the spreadsheets.
    public var label: String {
        switch self {
        case .municipal: "市级"
        case .district: "区县级"
        case .township: "乡镇级"
        }
    }

    /// Reads a spreadsheet label or the code name.
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespaces)
        switch t {
        case "市级", "市本级", "municipal": self = .municipal
        case "区县级", "区、县（市）级", "县级", "district": self = .district
        case "乡镇级", "乡镇（街道）级", "街道级", "township": self = .township
        default: return nil
        }
    }
}

/// 服务对象: who applies.
public enum MatterAudience: String, Sendable, Codable, CaseIterable {
    /// 个人 (公民个人办事事项)
    case person
    /// 法人
    case legalEntity
    /// 个人和法人
    case both

    /// The label used in the spreadsheets.
    public var label: String {
        switch self {
        case .person: "个人"
        case .legalEntity: "法人"
        case .both: "个人、法人"
        }
    }

    /// Reads a spreadsheet label or the code name.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces) {
        case "个人", "自然人", "公民", "person": self = .person
        case "法人", "企业", "legalEntity": self = .legalEntity
        case "个人、法人", "个人和法人", "个人,法人", "个人，法人", "both": self = .both
        default: return nil
        }
    }

    /// Whether citizens apply (counts toward "公民个人办事事项").
    public var servesPersons: Bool { self != .legalEntity }
}

/// 对接方式: how a system joined the one-window platform (杭智办〔2018〕2号 二(二)2).
public enum JoinMode: String, Sendable, Codable, CaseIterable {
    /// 申报表单在一窗受理平台
    case platformForm
    /// 申报表单在自建业务系统
    case ownSystemForm

    /// The label used in the spreadsheets.
    public var label: String {
        switch self {
        case .platformForm: "表单在一窗平台"
        case .ownSystemForm: "表单在自建系统"
        }
    }

    /// Reads a spreadsheet label or the code name.
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespaces)
        if t == "platformForm" || t.contains("一窗") {
            self = .platformForm
        } else if t == "ownSystemForm" || t.contains("自建") {
            self = .ownSystemForm
        } else {
            return nil
        }
    }
}

extension SystemLevel {
    /// 系统层级 as the one-window spreadsheets write it.
    public var oneWindowLabel: String {
        switch self {
        case .national: "国家部委"
        case .provincial: "省级"
        case .municipal: "市级"
        case .district: "区县"
        }
    }

    /// Reads 国家/部委, 省级, 市级, 区县 (and the census labels).
    public init?(oneWindowLabel text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let l = SystemLevel(rawValue: t) { self = l; return }
        if t.contains("部委") || t.contains("国家") { self = .national }
        else if t.contains("省") { self = .provincial }
        else if t.contains("市") { self = .municipal }
        else if t.contains("区") || t.contains("县") { self = .district }
        else { return nil }
    }
}

/// Why a matter is not handled online: the five exception categories of the July 2018
/// bulletin (国家或省级系统, 涉密或敏感, 办件量极少, 法律法规规定, 列入本单位不宜上网清单).
public enum OnlineException: String, Sendable, Codable, CaseIterable {
    /// 国家或省级系统
    case upperSystem
    /// 涉密或敏感
    case secret
    /// 办件量极少
    case fewCases
    /// 法律法规规定
    case law
    /// 列入本单位不宜上网清单
    case unitList

    /// The label used in the spreadsheets.
    public var label: String {
        switch self {
        case .upperSystem: "国家或省级系统"
        case .secret: "涉密或敏感"
        case .fewCases: "办件量极少"
        case .law: "法律法规规定"
        case .unitList: "列入本单位不宜上网清单"
        }
    }

    /// Reads a spreadsheet label or the code name.
    public init?(label: String) {
        let t = label.trimmingCharacters(in: .whitespaces)
        guard let e = Self.allCases.first(where: { $0.label == t || $0.rawValue == t }) else { return nil }
        self = e
    }
}

/// How a matter or system stands with the one-window platform.
public struct JoinStatus: Sendable, Codable, Equatable {
    /// 接入日期, `YYYY-MM-DD`; nil while not joined.
    public var joinedOn: String?
    /// 对接方式.
    public var mode: JoinMode?
    /// 对接批次 (e.g. 第一批).
    public var batch: String?

    /// Creates a status; a nil date means not joined.
    public init(joinedOn: String? = nil, mode: JoinMode? = nil, batch: String? = nil) {
        self.joinedOn = joinedOn
        self.mode = mode
        self.batch = batch
    }

    /// Whether it has joined.
    public var joined: Bool { joinedOn != nil }
}

/// A service matter (政务服务事项) as entered or imported: the standard fields of the
/// provincial power-matter library plus what units fill in for the one-window platform
/// (杭智办〔2018〕2号 附件 1–3: system level and name, case volume, contact, scope, districts).
public struct MatterDraft: Sendable, Codable, Equatable {
    /// 基本编码 (shared by every implementation of the same matter).
    public var basicCode: String
    /// 实施编码 (unique per implementing unit): the matter's key.
    public var code: String
    /// 事项名称.
    public var name: String
    /// 事项类型.
    public var kind: MatterKind
    /// 实施主体: the implementing unit.
    public var organizationID: Int64
    /// 行使层级.
    public var level: MatterLevel
    /// 法定办结时限, working days (nil: none set by law).
    public var legalDays: Int?
    /// 承诺办结时限, working days: the case clock.
    public var promisedDays: Int?
    /// 办理系统: a registered system of the unit, if known.
    public var systemID: Int64?
    /// 事项所在系统名称 as the unit wrote it (when not registered).
    public var systemName: String
    /// 事项所在系统层级 (national / provincial / municipal / district).
    public var systemLevel: SystemLevel?
    /// 上年办件量.
    public var caseVolume: Int
    /// 联系人.
    public var contact: String
    /// 联系方式.
    public var phone: String
    /// 适用范围.
    public var scope: String
    /// 适用区县 (short names).
    public var districts: [String]
    /// 服务对象.
    public var audience: MatterAudience
    /// Confirmed on the TOP-100 list (确认事项) for 附件 6.
    public var top100: Bool
    /// 就近可办 (handled at a nearby hall).
    public var nearby: Bool
    /// 网上办事: handled online.
    public var online: Bool
    /// Why it is not online, when it is one of the exceptions.
    public var onlineException: OnlineException?
    /// Joined to the one-window platform.
    public var join: JoinStatus

    /// Creates a draft; everything but the identity is optional.
    public init(basicCode: String, code: String, name: String, kind: MatterKind, organizationID: Int64, level: MatterLevel,
                legalDays: Int? = nil, promisedDays: Int? = nil, systemID: Int64? = nil, systemName: String = "",
                systemLevel: SystemLevel? = nil, caseVolume: Int = 0, contact: String = "", phone: String = "", scope: String = "",
                districts: [String] = [], audience: MatterAudience = .both, top100: Bool = false, nearby: Bool = false,
                online: Bool = false, onlineException: OnlineException? = nil, join: JoinStatus = JoinStatus()) {
        self.basicCode = basicCode
        self.code = code
        self.name = name
        self.kind = kind
        self.organizationID = organizationID
        self.level = level
        self.legalDays = legalDays
        self.promisedDays = promisedDays
        self.systemID = systemID
        self.systemName = systemName
        self.systemLevel = systemLevel
        self.caseVolume = caseVolume
        self.contact = contact
        self.phone = phone
        self.scope = scope
        self.districts = districts
        self.audience = audience
        self.top100 = top100
        self.nearby = nearby
        self.online = online
        self.onlineException = onlineException
        self.join = join
    }

    /// Every rule the draft breaks, by JSON field name (empty when valid).
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        func issue(_ field: String, _ key: String, _ values: [String: String] = [:]) {
            out.append(FieldIssue(field: field, code: key.split(separator: ".").last.map(String.init) ?? key, message: Strings.format(key, values)))
        }
        if !Self.isCode(code) { issue("code", "ow.bad_code", ["value": code]) }
        if !Self.isCode(basicCode) { issue("basicCode", "ow.bad_code", ["value": basicCode]) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 200 { issue("name", "ow.bad_name") }
        if let d = legalDays, d < 0 || d > 3650 { issue("legalDays", "ow.bad_days", ["value": String(d)]) }
        if let d = promisedDays, d < 0 || d > 3650 { issue("promisedDays", "ow.bad_days", ["value": String(d)]) }
        if let l = legalDays, let p = promisedDays, p > l { issue("promisedDays", "ow.promised_over_legal", ["promised": String(p), "legal": String(l)]) }
        if caseVolume < 0 { issue("caseVolume", "ow.negative", ["value": String(caseVolume)]) }
        if let on = join.joinedOn, CalendarDate(iso: on) == nil { issue("join.joinedOn", "ow.bad_date", ["value": on]) }
        if join.joinedOn == nil && (join.mode != nil || !(join.batch ?? "").isEmpty) { issue("join.joinedOn", "ow.join_date_required") }
        if online && onlineException != nil { issue("onlineException", "ow.online_with_exception") }
        for (name, value) in [("contact", contact), ("phone", phone), ("scope", scope), ("systemName", systemName)] where value.count > 500 {
            issue(name, "ow.too_long")
        }
        return out
    }

    /// Codes are printable, without spaces, at most 64 characters (the library's codes are
    /// digits and letters with hyphens, e.g. `330100-000-XK-00123`).
    public static func isCode(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 && $0 != "/" && $0 != "?" && $0 != "#" && $0 != "%" }
    }
}

/// A stored matter.
public struct Matter: Sendable, Codable, Equatable {
    /// Row id.
    public var id: Int64
    /// The fields.
    public var draft: MatterDraft
    /// 实施主体 name.
    public var organizationName: String
    /// 办理系统 name (the registered system's, else what the unit wrote).
    public var systemDisplayName: String
    /// Last change.
    public var updatedAt: Date
    /// Set once the matter is retired (事项取消/停用); nil while in force.
    public var retirement: MatterRetirement?

    /// Creates a stored matter.
    public init(id: Int64, draft: MatterDraft, organizationName: String, systemDisplayName: String, updatedAt: Date, retirement: MatterRetirement? = nil) {
        self.id = id
        self.draft = draft
        self.organizationName = organizationName
        self.systemDisplayName = systemDisplayName
        self.updatedAt = updatedAt
        self.retirement = retirement
    }
}
