import Foundation
import ShuhuiCore
import SQLKit

/// How case counts are grouped.
public enum CaseGrouping: String, Sendable, Codable, CaseIterable {
    /// Per matter.
    case matter
    /// Per unit.
    case unit
    /// Per week (Monday to Sunday, Beijing days).
    case week
}

/// Cases received, accepted and completed in one group, each counted on its own day.
public struct CaseCount: Sendable, Codable, Equatable {
    /// Matter code, unit id or the week's Monday.
    public var key: String
    /// Matter name, unit name or `YYYY-MM-DD – YYYY-MM-DD`.
    public var name: String
    /// 收件.
    public var received: Int
    /// 受理.
    public var accepted: Int
    /// 办结.
    public var completed: Int
    /// Open cases past their promised day (at the report's day).
    public var overdue: Int
}

/// The case counts of a period, with their total.
public struct CaseCounts: Sendable, Codable, Equatable {
    /// The grouping.
    public var grouping: CaseGrouping
    /// Groups, in key order.
    public var rows: [CaseCount]
    /// All groups together.
    public var total: CaseCount
}

extension Store {
    /// Counts cases per matter, unit or week: received on `received_day`, accepted on the day
    /// of 受理, completed on the day of 办结, each when its day falls in `from…through`.
    public func caseCounts(by grouping: CaseGrouping, from: CalendarDate? = nil, through: CalendarDate? = nil, now: Date = Date()) async throws -> CaseCounts {
        let today = CalendarDate(beijing: now)
        let (rows, calendar) = try await database.read { db in
            (try await db.raw("""
                SELECT m.code AS matter_code, m.name AS matter_name, c.organization_id, o.short_name AS organization_name,
                    c.received_day, c.accepted_day, c.completed_day, c.clock, c.state
                FROM cases c JOIN matters m ON m.id = c.matter_id JOIN organizations o ON o.id = c.organization_id
                """).all().map { r in
                CaseDays(matterCode: try r.decode(column: "matter_code", as: String.self), matterName: try r.decode(column: "matter_name", as: String.self),
                         unitID: try r.decode(column: "organization_id", as: Int64.self), unitName: try r.decode(column: "organization_name", as: String.self),
                         received: try r.optional("received_day", as: String.self), accepted: try r.optional("accepted_day", as: String.self),
                         completed: try r.optional("completed_day", as: String.self), clock: try r.optional("clock", as: String.self),
                         state: CaseState(rawValue: try r.decode(column: "state", as: String.self)) ?? .terminated)
            }, try await Self.workingCalendar(db))
        }
        func inRange(_ day: CalendarDate) -> Bool { (from.map { day >= $0 } ?? true) && (through.map { day <= $0 } ?? true) }
        var groups: [String: CaseCount] = [:]
        func bump(_ key: String, _ name: String, _ field: WritableKeyPath<CaseCount, Int>) {
            groups[key, default: CaseCount(key: key, name: name, received: 0, accepted: 0, completed: 0, overdue: 0)][keyPath: field] += 1
        }
        for r in rows {
            func group(_ day: CalendarDate) -> (String, String) {
                switch grouping {
                case .matter: return (r.matterCode, r.matterName)
                case .unit: return (String(r.unitID), r.unitName)
                case .week:
                    let monday = day.adding(days: 1 - day.weekday)
                    return (monday.description, "\(monday) – \(monday.adding(days: 6))")
                }
            }
            let days: [(String?, WritableKeyPath<CaseCount, Int>)] = [(r.received, \.received), (r.accepted, \.accepted), (r.completed, \.completed)]
            for (text, field) in days {
                guard let text, let day = CalendarDate(iso: text), inRange(day) else { continue }
                let (k, n) = group(day)
                bump(k, n, field)
            }
            if !r.state.isFinal, let clock = try r.clock.map({ try JSONText.decode(CaseClock.self, $0) }), clock.isOverdue(at: today, calendar: calendar) {
                let (k, n) = group(today)
                bump(k, n, \.overdue)
            }
        }
        let sorted = groups.values.sorted { $0.key < $1.key }
        let total = CaseCount(key: "", name: Strings["ow.total"].zh, received: sorted.reduce(0) { $0 + $1.received },
                              accepted: sorted.reduce(0) { $0 + $1.accepted }, completed: sorted.reduce(0) { $0 + $1.completed },
                              overdue: sorted.reduce(0) { $0 + $1.overdue })
        return CaseCounts(grouping: grouping, rows: sorted, total: total)
    }
}

/// The days of one case, read for counting.
private struct CaseDays: Sendable {
    var matterCode: String
    var matterName: String
    var unitID: Int64
    var unitName: String
    var received: String?
    var accepted: String?
    var completed: String?
    var clock: String?
    var state: CaseState
}
