import Foundation

/// One line of a joining table: a unit (or 市本级, or a subtotal) with planned and joined counts.
public struct JoinTally: Sendable, Codable, Equatable {
    /// 序号 in the table (0 for subtotal and total lines).
    public var rank: Int
    /// The unit, nil for 市本级 and totals.
    public var organizationID: Int64?
    /// 单位 as the table names it.
    public var name: String
    /// 计划接入总数 / 确认事项总数.
    public var planned: Int
    /// 已接入数.
    public var joined: Int

    /// Creates a line.
    public init(rank: Int = 0, organizationID: Int64?, name: String, planned: Int, joined: Int) {
        self.rank = rank
        self.organizationID = organizationID
        self.name = name
        self.planned = planned
        self.joined = joined
    }

    /// 接入率 / 接入占比.
    public var rate: Rate { Rate(joined, of: planned) }

    private enum CodingKeys: String, CodingKey { case rank, organizationID, name, planned, joined, rate }

    /// Decodes a line (the rate is derived).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rank: try c.decode(Int.self, forKey: .rank), organizationID: try c.decodeIfPresent(Int64.self, forKey: .organizationID),
                  name: try c.decode(String.self, forKey: .name), planned: try c.decode(Int.self, forKey: .planned), joined: try c.decode(Int.self, forKey: .joined))
    }

    /// Encodes the counts and the rate.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encodeIfPresent(organizationID, forKey: .organizationID)
        try c.encode(name, forKey: .name)
        try c.encode(planned, forKey: .planned)
        try c.encode(joined, forKey: .joined)
        try c.encode(rate, forKey: .rate)
    }
}

/// 全市自建业务办理系统接入“一窗平台”统计表 (the July 2018 bulletin's 附件 1): per reporting
/// unit — 市本级 for all municipal departments together, then each district — the systems
/// planned to join and joined, with the rate; subtotals and the 总计 line; the laggards.
public struct SystemJoinReport: Sendable, Codable, Equatable {
    /// Lines, best rate first.
    public var rows: [JoinTally]
    /// 市本级.
    public var municipal: JoinTally
    /// 各区县 together.
    public var districts: JoinTally
    /// 总计.
    public var total: JoinTally
    /// Units with systems planned and none joined (尚无系统接入), in table order.
    public var laggards: [JoinTally]
    /// The bulletin's sentence naming them: 拱墅区（1 套）、淳安县（2 套）…尚无系统接入，进度缓慢。
    public var laggardText: Localized

    /// Builds the table. `municipal` is the 市本级 line; `districts` are the district lines in
    /// the order to keep among equals (usually by region code). Lines with nothing planned
    /// are left out. Sorting: rate (exact) high to low, then more joined, then input order.
    public static func build(municipal: JoinTally, districts: [JoinTally]) -> SystemJoinReport {
        let lines = ([municipal] + districts).enumerated().filter { $0.element.planned > 0 }
        let sorted = lines.sorted { a, b in
            let x = a.element.rate, y = b.element.rate
            let l = Int64(x.numerator) * y.denominator, r = Int64(y.numerator) * x.denominator
            if l != r { return l > r }
            if a.element.joined != b.element.joined { return a.element.joined > b.element.joined }
            return a.offset < b.offset
        }.map(\.element)
        var rows: [JoinTally] = []
        for (i, line) in sorted.enumerated() {
            var l = line
            l.rank = i + 1
            rows.append(l)
        }
        let d = districts.reduce(JoinTally(organizationID: nil, name: Strings["ow.districts_total"].zh, planned: 0, joined: 0)) {
            JoinTally(organizationID: nil, name: $0.name, planned: $0.planned + $1.planned, joined: $0.joined + $1.joined)
        }
        let total = JoinTally(organizationID: nil, name: Strings["ow.total"].zh, planned: municipal.planned + d.planned, joined: municipal.joined + d.joined)
        let laggards = rows.filter { $0.joined == 0 }
        let list = { (unit: String) in laggards.map { "\($0.name)（\($0.planned) \(unit)）" } }
        let text = laggards.isEmpty ? Strings["ow.no_laggards"]
            : Localized(zh: Strings.format("ow.laggards", ["list": list("套").joined(separator: "、")]).zh,
                        en: Strings.format("ow.laggards", ["list": laggards.map { "\($0.name) (\($0.planned))" }.joined(separator: ", ")]).en)
        return SystemJoinReport(rows: rows, municipal: municipal, districts: d, total: total, laggards: laggards, laggardText: text)
    }
}

/// 杭州市办件量前 100 事项“一窗受理”平台接入情况 (the May 2018 bulletin's 附件 6): per
/// department, the confirmed TOP-100 matters and how many joined.
public struct TopMatterJoinReport: Sendable, Codable, Equatable {
    /// One line per department, in the order given.
    public var rows: [JoinTally]
    /// 总计.
    public var total: JoinTally

    /// Numbers the lines and adds the total.
    public static func build(_ lines: [JoinTally]) -> TopMatterJoinReport {
        let rows = lines.filter { $0.planned > 0 }.enumerated().map { i, l in
            JoinTally(rank: i + 1, organizationID: l.organizationID, name: l.name, planned: l.planned, joined: l.joined)
        }
        let total = JoinTally(organizationID: nil, name: Strings["ow.total"].zh, planned: rows.reduce(0) { $0 + $1.planned }, joined: rows.reduce(0) { $0 + $1.joined })
        return TopMatterJoinReport(rows: rows, total: total)
    }
}

/// 网上办事 figures: matters handled online, with and without the five exception categories.
public struct OnlineHandling: Sendable, Codable, Equatable {
    /// 办事事项总数.
    public var matters: Int
    /// 已实现在线办理.
    public var online: Int
    /// 例外事项: not online for one of the five listed reasons.
    public var exceptions: Int
    /// Exceptions per category (code → count).
    public var byException: [String: Int]

    /// Creates the figures.
    public init(matters: Int, online: Int, exceptions: Int, byException: [String: Int]) {
        self.matters = matters
        self.online = online
        self.exceptions = exceptions
        self.byException = byException
    }

    /// Counts matters: (online, exception) per matter.
    public static func count(_ matters: [(online: Bool, exception: OnlineException?)]) -> OnlineHandling {
        var by: [String: Int] = [:]
        var online = 0, exceptions = 0
        for m in matters {
            if m.online { online += 1 } else if let e = m.exception {
                exceptions += 1
                by[e.rawValue, default: 0] += 1
            }
        }
        return OnlineHandling(matters: matters.count, online: online, exceptions: exceptions, byException: by)
    }

    /// "网上办事"实现比例: online / all (1133/1336 → 84.8%).
    public var rate: Rate { Rate(online, of: matters) }
    /// The same without the exceptions: online / (all − exceptions) (1133/1159 → 98%).
    public var rateWithoutExceptions: Rate { Rate(online, of: matters - exceptions) }

    private enum CodingKeys: String, CodingKey { case matters, online, exceptions, byException, rate, rateWithoutExceptions }

    /// Decodes the counts (the rates are derived).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(matters: try c.decode(Int.self, forKey: .matters), online: try c.decode(Int.self, forKey: .online),
                  exceptions: try c.decode(Int.self, forKey: .exceptions), byException: try c.decode([String: Int].self, forKey: .byException))
    }

    /// Encodes the counts and both rates.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(matters, forKey: .matters)
        try c.encode(online, forKey: .online)
        try c.encode(exceptions, forKey: .exceptions)
        try c.encode(byException, forKey: .byException)
        try c.encode(rate, forKey: .rate)
        try c.encode(rateWithoutExceptions, forKey: .rateWithoutExceptions)
    }
}

/// A target of the work points with its deadline (杭智办〔2018〕2号 一、工作目标).
public struct OneWindowTarget: Sendable, Codable, Equatable {
    /// What is measured.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Confirmed TOP-100 matters joined / confirmed.
        case top100Joined
        /// Matters in force joined / matters (city and districts; the systems they are handled in joined).
        case mattersJoined
        /// In each pilot district, matters for persons handled nearby / matters for persons.
        case pilotNearby
    }

    /// Stable code.
    public var code: String
    /// Kind.
    public var kind: Kind
    /// Required share, in percent (100, 80, 50).
    public var percent: Int
    /// Deadline, `YYYY-MM-DD`.
    public var deadline: String
    /// Districts concerned (pilot targets), by short name.
    public var districts: [String]

    /// Creates a target.
    public init(code: String, kind: Kind, percent: Int, deadline: String, districts: [String] = []) {
        self.code = code
        self.kind = kind
        self.percent = percent
        self.deadline = deadline
        self.districts = districts
    }

    /// Every rule the target breaks.
    public func issues() -> [FieldIssue] {
        var out: [FieldIssue] = []
        if !IndicatorDraft.isCode(code) { out.append(FieldIssue(field: "code", code: "bad_indicator_code", message: Strings.format("ow.bad_indicator_code", ["value": code]))) }
        if !(1...100).contains(percent) { out.append(FieldIssue(field: "percent", code: "over_100", message: Strings.format("ow.over_100", ["value": "\(percent)%"]))) }
        if CalendarDate(iso: deadline) == nil { out.append(FieldIssue(field: "deadline", code: "bad_date", message: Strings.format("ow.bad_date", ["value": deadline]))) }
        if kind == .pilotNearby && districts.isEmpty { out.append(FieldIssue(field: "districts", code: "required", message: Strings["v.required"])) }
        return out
    }
}

/// Progress against one target, for one scope (the whole city, or one pilot district).
public struct TargetProgress: Sendable, Codable, Equatable {
    /// The target.
    public var target: OneWindowTarget
    /// The scope (全市, 市本级, a district's name).
    public var scope: String
    /// Where it stands.
    public var rate: Rate
    /// Met: the rate is at least the target share.
    public var met: Bool
    /// Calendar days to the deadline (negative after it).
    public var daysLeft: Int
    /// Past the deadline and not met.
    public var overdue: Bool

    /// Measures `rate` against `target` on `today`.
    public init(target: OneWindowTarget, scope: String, rate: Rate, today: CalendarDate) {
        self.target = target
        self.scope = scope
        self.rate = rate
        self.met = rate.meets(Rate(target.percent, of: 100))
        let deadline = CalendarDate(iso: target.deadline) ?? today
        self.daysLeft = deadline.dayNumber - today.dayNumber
        self.overdue = !met && today > deadline
    }
}
