import Foundation
import ShuhuiCore
import SQLKit

/// A problem row (问题数据) as the provider sees it.
public struct ProblemRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var batchID: Int64
    public var rowNumber: Int
    public var key: String?
    public var field: String?
    public var rule: String
    public var dimension: QualityDimension
    public var value: String?
    public var message: Localized
    /// The whole submitted row, by field code, so it can be fixed and resubmitted.
    public var raw: [String: String]
    public var status: String
    public var createdAt: Date
    public var closedAt: Date?
}

/// Quality of one resource.
public struct ResourceQuality: Sendable, Codable, Equatable {
    public struct RuleCount: Sendable, Codable, Equatable {
        public var rule: String
        public var field: String?
        public var dimension: QualityDimension
        public var openProblems: Int
    }
    public struct Day: Sendable, Codable, Equatable {
        public var day: String
        public var dimensions: [QualityDimension: DimensionTally]
    }
    public var code: String
    public var name: String
    public var organizationID: Int64
    /// 0–100: the mean pass rate over the dimensions checked in the window.
    public var score: Double?
    public var dimensions: [QualityDimension: DimensionTally]
    public var daily: [Day]
    public var worstRules: [RuleCount]
    public var openProblems: Int
    public var batches: Int
    public var rowsCollected: Int
    public var lastBatchAt: Date?
    /// Whether the latest batch came within the update cycle; nil when never collected or irregular.
    public var timely: Bool?
    /// Whether the latest committed batch met every rule.
    public var latestBatchClean: Bool?
}

/// Quality across units and the city.
public struct QualitySummary: Sendable, Codable, Equatable {
    public struct UnitRow: Sendable, Codable, Equatable {
        public var organizationID: Int64
        public var organizationName: String
        public var resources: Int
        public var collectedResources: Int
        public var score: Double?
        public var rowsCollected: Int
        public var problemRows: Int
        public var openProblems: Int
    }
    /// City-wide pass rate per dimension.
    public var dimensions: [QualityDimension: DimensionTally]
    public var score: Double?
    /// Active catalog resources.
    public var resources: Int
    /// Resources with at least one committed batch.
    public var collectedResources: Int
    /// Resources whose latest batch met its rules (the seeds' "数据治理达40%").
    public var governedResources: Int
    /// governed ÷ all resources.
    public var governanceProgress: Double
    public var units: [UnitRow]
}

extension Store {
    /// A resource's problem rows.
    public func problems(code: String, status: String? = "open", page: PageRequest = .init()) async throws -> Page<ProblemRecord> {
        let r = try await resource(code: code)
        let filter: SQLQueryString = status.map { "AND status = \(bind: $0)" } ?? ""
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM problem_records WHERE resource_id = \(bind: r.id) \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT id, batch_id, row_number, record_key, field, rule, dimension, value, message, raw, status, created_at, closed_at
                FROM problem_records WHERE resource_id = \(bind: r.id) \(filter) ORDER BY id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
                """).all()
            let items = try rows.map { row in
                ProblemRecord(
                    id: try row.decode(column: "id", as: Int64.self), batchID: try row.decode(column: "batch_id", as: Int64.self),
                    rowNumber: try row.decode(column: "row_number", as: Int.self),
                    key: try row.optional("record_key", as: String.self)?.replacingOccurrences(of: "\u{1F}", with: ","),
                    field: try row.optional("field", as: String.self), rule: try row.decode(column: "rule", as: String.self),
                    dimension: QualityDimension(rawValue: try row.decode(column: "dimension", as: String.self)) ?? .accuracy,
                    value: try row.optional("value", as: String.self),
                    message: (try? JSONText.decode(Localized.self, try row.decode(column: "message", as: String.self))) ?? Localized(zh: "", en: ""),
                    raw: (try? JSONText.decode([String: String].self, try row.decode(column: "raw", as: String.self))) ?? [:],
                    status: try row.decode(column: "status", as: String.self),
                    createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
                    closedAt: try row.optional("closed_at", as: Int64.self).map(Clock.date))
            }
            return Page(items: items, total: total, limit: page.limit, offset: page.offset)
        }
    }

    /// Open problems as a table the provider downloads, fixes and resubmits: the row's own
    /// columns first (so the file is a valid batch once fixed), then where and why it failed.
    public func problemSheet(code: String) async throws -> [[String]] {
        let r = try await resource(code: code)
        var rows: [[String]] = [r.draft.fields.map(\.code) + ["_row", "_field", "_rule", "_dimension", "_reason"]]
        var offset = 0
        while true {
            let page = try await problems(code: code, status: "open", page: PageRequest(limit: 500, offset: offset))
            for p in page.items {
                rows.append(r.draft.fields.map { p.raw[$0.code] ?? "" }
                            + [String(p.rowNumber), p.field ?? "", p.rule, p.dimension.rawValue, p.message.zh + " / " + p.message.en])
            }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return rows
    }

    /// Quality of one resource over the last `days` days.
    public func quality(code: String, days: Int = 30) async throws -> ResourceQuality {
        let r = try await resource(code: code)
        let since = Counters.day(Date().addingTimeInterval(-Double(days) * 86400))
        return try await database.read { db in
            var daily: [String: [QualityDimension: DimensionTally]] = [:]
            var totals: [QualityDimension: DimensionTally] = [:]
            for row in try await db.raw("SELECT day, dimension, checked, failed FROM quality_daily WHERE resource_id = \(bind: r.id) AND day >= \(bind: since) ORDER BY day").all() {
                guard let d = QualityDimension(rawValue: try row.decode(column: "dimension", as: String.self)) else { continue }
                let t = DimensionTally(checked: try row.decode(column: "checked", as: Int.self), failed: try row.decode(column: "failed", as: Int.self))
                daily[try row.decode(column: "day", as: String.self), default: [:]][d] = t
                totals[d, default: DimensionTally(checked: 0, failed: 0)].checked += t.checked
                totals[d, default: DimensionTally(checked: 0, failed: 0)].failed += t.failed
            }
            let worst = try await db.raw("""
                SELECT rule, field, dimension, COUNT(*) AS n FROM problem_records WHERE resource_id = \(bind: r.id) AND status = 'open'
                GROUP BY rule, field, dimension ORDER BY n DESC, rule LIMIT 10
                """).all().map { row in
                ResourceQuality.RuleCount(rule: try row.decode(column: "rule", as: String.self), field: try row.optional("field", as: String.self),
                                          dimension: QualityDimension(rawValue: try row.decode(column: "dimension", as: String.self)) ?? .accuracy,
                                          openProblems: try row.decode(column: "n", as: Int.self))
            }
            let open = try await db.raw("SELECT COUNT(*) AS n FROM problem_records WHERE resource_id = \(bind: r.id) AND status = 'open'").first()?.decode(column: "n", as: Int.self) ?? 0
            let agg = try await db.raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(rows_stored), 0) AS BIGINT) AS stored, MAX(finished_at) AS last FROM batches WHERE resource_id = \(bind: r.id) AND status = 'committed'").first()
            let latest = try await db.raw("SELECT problem_rows FROM batches WHERE resource_id = \(bind: r.id) AND status = 'committed' ORDER BY id DESC LIMIT 1").first()
            let last = try agg?.optional("last", as: Int64.self).map(Clock.date)
            return ResourceQuality(
                code: r.code, name: r.draft.name, organizationID: r.draft.providerID, score: Self.score(totals), dimensions: totals,
                daily: daily.keys.sorted().map { ResourceQuality.Day(day: $0, dimensions: daily[$0] ?? [:]) },
                worstRules: worst, openProblems: open, batches: try agg?.decode(column: "n", as: Int.self) ?? 0,
                rowsCollected: try agg?.decode(column: "stored", as: Int.self) ?? 0, lastBatchAt: last,
                timely: last.flatMap { Self.timely(r.draft.updateCycle, last: $0) },
                latestBatchClean: try latest.map { try $0.decode(column: "problem_rows", as: Int.self) == 0 })
        }
    }

    /// Quality per unit and city-wide over the last `days` days.
    public func qualitySummary(days: Int = 30) async throws -> QualitySummary {
        let since = Counters.day(Date().addingTimeInterval(-Double(days) * 86400))
        return try await database.read { db in
            var names: [Int64: String] = [:]
            var units: [Int64: QualitySummary.UnitRow] = [:]
            for row in try await db.raw("""
                SELECT o.id, o.short_name, COUNT(r.id) AS n FROM organizations o JOIN resources r ON r.provider_id = o.id AND r.status = 'active'
                GROUP BY o.id, o.short_name
                """).all() {
                let id = try row.decode(column: "id", as: Int64.self)
                names[id] = try row.decode(column: "short_name", as: String.self)
                units[id] = .init(organizationID: id, organizationName: names[id] ?? "", resources: try row.decode(column: "n", as: Int.self),
                                  collectedResources: 0, score: nil, rowsCollected: 0, problemRows: 0, openProblems: 0)
            }
            var byUnit: [Int64: [QualityDimension: DimensionTally]] = [:], city: [QualityDimension: DimensionTally] = [:]
            for row in try await db.raw("""
                SELECT organization_id, dimension, CAST(SUM(checked) AS BIGINT) AS c, CAST(SUM(failed) AS BIGINT) AS f FROM quality_daily
                WHERE day >= \(bind: since) GROUP BY organization_id, dimension
                """).all() {
                guard let d = QualityDimension(rawValue: try row.decode(column: "dimension", as: String.self)) else { continue }
                let org = try row.decode(column: "organization_id", as: Int64.self)
                let c = try row.decode(column: "c", as: Int.self), f = try row.decode(column: "f", as: Int.self)
                byUnit[org, default: [:]][d, default: DimensionTally(checked: 0, failed: 0)].checked += c
                byUnit[org, default: [:]][d, default: DimensionTally(checked: 0, failed: 0)].failed += f
                city[d, default: DimensionTally(checked: 0, failed: 0)].checked += c
                city[d, default: DimensionTally(checked: 0, failed: 0)].failed += f
            }
            for row in try await db.raw("""
                SELECT organization_id, CAST(SUM(rows_collected) AS BIGINT) AS rows_collected, CAST(SUM(problem_rows) AS BIGINT) AS problem_rows
                FROM collection_daily GROUP BY organization_id
                """).all() {
                let org = try row.decode(column: "organization_id", as: Int64.self)
                units[org]?.rowsCollected = try row.decode(column: "rows_collected", as: Int.self)
                units[org]?.problemRows = try row.decode(column: "problem_rows", as: Int.self)
            }
            for row in try await db.raw("SELECT organization_id, COUNT(*) AS n FROM problem_records WHERE status = 'open' GROUP BY organization_id").all() {
                units[try row.decode(column: "organization_id", as: Int64.self)]?.openProblems = try row.decode(column: "n", as: Int.self)
            }
            // The latest committed batch of each active resource decides whether it is governed.
            var collected = 0, governed = 0
            for row in try await db.raw("""
                SELECT r.provider_id, b.problem_rows FROM resources r
                JOIN batches b ON b.id = (SELECT MAX(id) FROM batches WHERE resource_id = r.id AND status = 'committed')
                WHERE r.status = 'active'
                """).all() {
                collected += 1
                units[try row.decode(column: "provider_id", as: Int64.self)]?.collectedResources += 1
                if try row.decode(column: "problem_rows", as: Int.self) == 0 { governed += 1 }
            }
            for (org, dims) in byUnit { units[org]?.score = Self.score(dims) }
            let total = units.values.reduce(0) { $0 + $1.resources }
            return QualitySummary(
                dimensions: city, score: Self.score(city), resources: total, collectedResources: collected, governedResources: governed,
                governanceProgress: total == 0 ? 0 : Double(governed) / Double(total),
                units: units.values.sorted { ($0.score ?? 101, $0.organizationName) < ($1.score ?? 101, $1.organizationName) })
        }
    }

    static func score(_ dims: [QualityDimension: DimensionTally]) -> Double? {
        let checked = dims.values.filter { $0.checked > 0 }
        guard !checked.isEmpty else { return nil }
        return (checked.map(\.passRate).reduce(0, +) / Double(checked.count) * 1000).rounded() / 10
    }

    /// Whether data last collected at `last` still meets the update cycle now.
    static func timely(_ cycle: UpdateCycle, last: Date, now: Date = Date()) -> Bool? {
        let days: Double
        switch cycle {
        case .realtime, .daily: days = 1
        case .weekly: days = 7
        case .monthly: days = 31
        case .quarterly: days = 92
        case .yearly: days = 366
        case .irregular: return nil
        }
        // One day's grace: a daily feed that lands every morning is on time.
        return now.timeIntervalSince(last) <= (days + 1) * 86400
    }
}
