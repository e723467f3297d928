import Foundation
import ShuhuiCore
import SQLKit

/// One unit's weekly volumes over recent weeks, for the dashboard's trend charts.
public struct UnitTrend: Sendable, Codable, Equatable {
    /// The unit.
    public var unitID: Int64
    public var unitName: String
    /// Rows collected per week, oldest first.
    public var collected: [Int64]
    /// API calls made by the unit's systems per week, oldest first.
    public var calls: [Int64]
}

extension Store {
    /// Weekly rows collected and calls per unit over the `weeks` bulletin weeks ending with
    /// `period`, from collection_daily and call_daily; units with no activity are left out.
    /// Ordered by the last week's rows collected, then calls.
    public func unitTrends(_ period: ReportPeriod, weeks: Int = 8) async throws -> (weekEnds: [String], units: [UnitTrend]) {
        let last = ReportPeriod.week(containing: period.end)
        let first = last.start.adding(days: -7 * (weeks - 1))
        let ends = (0..<weeks).map { last.end.adding(days: -7 * (weeks - 1 - $0)).description }
        let bucket: @Sendable (String) -> Int? = { day in
            guard let d = CalendarDate(iso: day) else { return nil }
            let i = (d.dayNumber - first.dayNumber) / 7
            return (0..<weeks).contains(i) ? i : nil
        }
        return try await database.read { db in
            var names: [Int64: String] = [:]
            for r in try await db.raw("SELECT id, short_name FROM organizations").all() {
                names[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "short_name", as: String.self)
            }
            var collected: [Int64: [Int64]] = [:], calls: [Int64: [Int64]] = [:]
            for r in try await db.raw("""
                SELECT organization_id AS u, day, CAST(SUM(rows_collected) AS BIGINT) AS v FROM collection_daily
                WHERE day >= \(bind: first.description) AND day <= \(bind: last.end.description) GROUP BY organization_id, day
                """).all() {
                guard let i = bucket(try r.decode(column: "day", as: String.self)) else { continue }
                collected[try r.decode(column: "u", as: Int64.self), default: Array(repeating: 0, count: weeks)][i] += try r.decode(column: "v", as: Int64.self)
            }
            for r in try await db.raw("""
                SELECT organization_id AS u, day, CAST(SUM(calls) AS BIGINT) AS v FROM call_daily
                WHERE system_id > 0 AND day >= \(bind: first.description) AND day <= \(bind: last.end.description) GROUP BY organization_id, day
                """).all() {
                guard let i = bucket(try r.decode(column: "day", as: String.self)) else { continue }
                calls[try r.decode(column: "u", as: Int64.self), default: Array(repeating: 0, count: weeks)][i] += try r.decode(column: "v", as: Int64.self)
            }
            let zero = Array(repeating: Int64(0), count: weeks)
            let units = Set(collected.keys).union(calls.keys).map { id in
                UnitTrend(unitID: id, unitName: names[id] ?? "#\(id)", collected: collected[id] ?? zero, calls: calls[id] ?? zero)
            }.sorted { a, b in
                if a.collected.last != b.collected.last { return (a.collected.last ?? 0) > (b.collected.last ?? 0) }
                if a.calls.last != b.calls.last { return (a.calls.last ?? 0) > (b.calls.last ?? 0) }
                return a.unitName < b.unitName
            }
            return (ends, units)
        }
    }
}

extension Store {
    /// The latest Beijing day with collected rows, if any (the dashboard opens on that week
    /// when the current one has no activity yet, e.g. the demo city's 2018 weeks).
    public func latestCollectionDay() async throws -> CalendarDate? {
        try await database.read { db in
            try await db.raw("SELECT MAX(day) AS d FROM collection_daily").first()?.optional("d", as: String.self).flatMap(CalendarDate.init(iso:))
        }
    }
}
