import Foundation
import ShuhuiCore
import SQLKit

/// The one-window figures of a day, for the weekly bulletin's section 三 and the console.
public struct OneWindowSummary: Sendable, Codable, Equatable {
    /// The day the figures stand at.
    public var asOf: String
    /// Matters in the catalog, joined to the platform by `asOf`, and the rate.
    public var matters: JoinTally
    /// Confirmed TOP-100 matters and joined ("107 项，已接入 79 项，完成率 73.83%").
    public var top100: JoinTally
    /// Self-built systems planned and joined ("64 套，已接入 31 套，完成率 48.44%").
    public var systems: JoinTally
    /// Cases received, accepted, completed up to `asOf` ("12509 件，10271 件已受理，6099 件已办结").
    public var cases: CaseCount
    /// The same in the seven days ending on `asOf` (本周).
    public var casesThisWeek: CaseCount
    /// 网上办事.
    public var online: OnlineHandling
    /// 一件事.
    public var bundles: BundleStatistics
}

extension Store {
    /// Which line of 附件 1 a unit is counted on.
    enum ReportingLine {
        /// 市本级: municipal departments and state companies.
        case municipal
        /// A district (its townships count with it).
        case district(Organization)
    }

    /// The line for `o`; nil for provincial centres (not the city's).
    static func reportingLine(_ o: Organization, _ orgs: [Int64: Organization]) -> ReportingLine? {
        switch o.kind {
        case .department, .company: .municipal
        case .district: .district(o)
        case .township: o.parentID.flatMap { orgs[$0] }.map { .district($0) }
        case .provincialCentre: nil
        }
    }

    /// 全市自建业务办理系统接入“一窗平台”统计表 (001 附件 1) from the planned systems, joined by `asOf`.
    public func systemJoinReport(asOf: CalendarDate? = nil) async throws -> SystemJoinReport {
        let orgs = Dictionary(uniqueKeysWithValues: try await organizations().map { ($0.id, $0) })
        var municipal = JoinTally(organizationID: nil, name: Strings["ow.municipal"].zh, planned: 0, joined: 0)
        var districts: [Int64: JoinTally] = [:]
        for j in try await systemJoins(plannedOnly: true) {
            guard let o = orgs[j.organizationID], let line = Self.reportingLine(o, orgs) else { continue }
            let joined = j.join.joinedOn.map { on in asOf.map { on <= $0.description } ?? true } ?? false
            switch line {
            case .district(let d):
                districts[d.id, default: JoinTally(organizationID: d.id, name: d.shortName, planned: 0, joined: 0)].planned += 1
                if joined { districts[d.id]?.joined += 1 }
            case .municipal:
                municipal.planned += 1
                if joined { municipal.joined += 1 }
            }
        }
        let ordered = districts.values.sorted { (orgs[$0.organizationID ?? 0]?.regionCode ?? "", $0.name) < (orgs[$1.organizationID ?? 0]?.regionCode ?? "", $1.name) }
        return SystemJoinReport.build(municipal: municipal, districts: ordered)
    }

    /// 办件量前 100 事项“一窗受理”平台接入情况 (000 附件 6): per unit, its confirmed TOP-100
    /// matters and how many joined by `asOf`.
    public func topMatterJoinReport(asOf: CalendarDate? = nil) async throws -> TopMatterJoinReport {
        let orgs = try await organizations()
        var lines: [Int64: JoinTally] = [:]
        for m in try await mattersInForce(on: asOf ?? CalendarDate.today()) where m.draft.top100 {
            let joined = m.draft.join.joinedOn.map { on in asOf.map { on <= $0.description } ?? true } ?? false
            lines[m.draft.organizationID, default: JoinTally(organizationID: m.draft.organizationID, name: m.organizationName, planned: 0, joined: 0)].planned += 1
            if joined { lines[m.draft.organizationID]?.joined += 1 }
        }
        return TopMatterJoinReport.build(orgs.compactMap { lines[$0.id] })
    }

    /// The `n` matters of `level` in force today with the most cases last year (TOP-N 事项清单).
    public func topMatters(level: MatterLevel?, n: Int) async throws -> [Matter] {
        let limit = min(max(n, 1), 500)
        var c: [SQLQueryString] = [Self.inForce(on: CalendarDate.today())]
        if let level { c.append("m.level = \(bind: level.rawValue)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.matterSelect) \(filter) ORDER BY m.case_volume DESC, m.code LIMIT \(bind: limit)").all().map(Self.matter)
        }
    }

    /// The matters in force on `day` (retired ones left out), by unit and code.
    public func mattersInForce(on day: CalendarDate) async throws -> [Matter] {
        try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.matterSelect) WHERE \(Self.inForce(on: day)) ORDER BY m.organization_id, m.code").all().map(Self.matter)
        }
    }

    /// 网上办事 figures over the matters in force today (of one level, or all).
    public func onlineHandling(level: MatterLevel? = nil) async throws -> OnlineHandling {
        OnlineHandling.count(try await mattersInForce(on: CalendarDate.today()).filter { level == nil || $0.draft.level == level }.map { ($0.draft.online, $0.draft.onlineException) })
    }

    // MARK: Targets

    /// Sets a target (the bureau).
    public func saveTarget(_ target: OneWindowTarget, by actor: Principal) async throws -> OneWindowTarget {
        try AccessPolicy.canManageOneWindow(actor)
        let issues = target.issues()
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                INSERT INTO one_window_targets (code, document) VALUES (\(bind: target.code), \(bind: try JSONText.encode(target)))
                ON CONFLICT (code) DO UPDATE SET document = excluded.document
                """).run()
        }
        return target
    }

    /// The targets set, by deadline.
    public func targets() async throws -> [OneWindowTarget] {
        try await database.read { db in
            try await db.raw("SELECT document FROM one_window_targets").all().map { try JSONText.decode(OneWindowTarget.self, try $0.decode(column: "document", as: String.self)) }
        }.sorted { ($0.deadline, $0.code) < ($1.deadline, $1.code) }
    }

    /// Progress against every target on `today`: TOP-100 joined city-wide; matters joined at
    /// city and district level; nearby handling of personal matters in each pilot district.
    public func targetProgress(today: CalendarDate) async throws -> [TargetProgress] {
        let matters = try await mattersInForce(on: today)
        let orgs = Dictionary(uniqueKeysWithValues: try await organizations().map { ($0.id, $0) })
        func joined(_ m: Matter) -> Bool { m.draft.join.joinedOn.map { $0 <= today.description } ?? false }
        func rate(_ list: [Matter], _ ok: (Matter) -> Bool) -> Rate { Rate(list.filter(ok).count, of: list.count) }
        var out: [TargetProgress] = []
        for t in try await targets() {
            switch t.kind {
            case .top100Joined:
                out.append(TargetProgress(target: t, scope: Strings["ow.citywide"].zh, rate: rate(matters.filter(\.draft.top100), joined), today: today))
            case .mattersJoined:
                let city = matters.filter { $0.draft.level == .municipal }, county = matters.filter { $0.draft.level != .municipal }
                out.append(TargetProgress(target: t, scope: Strings["ow.municipal"].zh, rate: rate(city, joined), today: today))
                out.append(TargetProgress(target: t, scope: Strings["ow.districts_total"].zh, rate: rate(county, joined), today: today))
            case .pilotNearby:
                for district in t.districts {
                    let local = matters.filter { m in
                        guard m.draft.audience.servesPersons else { return false }
                        if m.draft.districts.contains(district) { return true }
                        guard let o = orgs[m.draft.organizationID] else { return false }
                        return o.shortName == district || o.parentID.flatMap { orgs[$0]?.shortName } == district
                    }
                    out.append(TargetProgress(target: t, scope: district, rate: rate(local, \.draft.nearby), today: today))
                }
            }
        }
        return out
    }

    // MARK: The bulletin's section

    /// The one-window figures standing on `asOf` (Beijing day): matters and TOP-100 matters
    /// joined, systems joined, cases received / accepted / completed (cumulative and in the
    /// seven days ending on `asOf`), online handling and bundles. The weekly bulletin calls
    /// this for its section 三.
    public func oneWindowSummary(asOf: CalendarDate) async throws -> OneWindowSummary {
        let matters = try await mattersInForce(on: asOf)
        func joined(_ m: Matter) -> Bool { m.draft.join.joinedOn.map { $0 <= asOf.description } ?? false }
        let all = JoinTally(organizationID: nil, name: Strings["ow.citywide"].zh, planned: matters.count, joined: matters.filter(joined).count)
        let top = matters.filter(\.draft.top100)
        let systems = try await systemJoinReport(asOf: asOf).total
        let cumulative = try await caseCounts(by: .unit, through: asOf, now: asOf.endOfBeijingDay).total
        let week = try await caseCounts(by: .unit, from: asOf.adding(days: -6), through: asOf, now: asOf.endOfBeijingDay).total
        return OneWindowSummary(
            asOf: asOf.description, matters: all,
            top100: JoinTally(organizationID: nil, name: "TOP100", planned: top.count, joined: top.filter(joined).count),
            systems: systems, cases: cumulative, casesThisWeek: week,
            online: OnlineHandling.count(matters.map { ($0.draft.online, $0.draft.onlineException) }),
            bundles: try await bundleStatistics())
    }
}
