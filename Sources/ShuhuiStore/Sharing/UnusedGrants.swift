import Foundation
import ShuhuiCore
import SQLKit

/// An API grant nobody has used (附件 4 of the weekly bulletin).
public struct UnusedGrant: Sendable, Encodable {
    public var grant: GrantSummary
    /// Days since the grant became active.
    public var daysActive: Int
}

extension Store {
    /// Active API grants activated at least `days` days ago whose services have not been called
    /// under them in the last `days` days, by consuming unit then resource. The bulletin's rule:
    /// "授权开通后 14 天内未调用".
    public func unusedGrants(days: Int = 14, organizationID: Int64? = nil, now: Date = Date()) async throws -> [UnusedGrant] {
        let cutoff = Clock.millis(now) - Int64(days) * 86_400_000
        let today = CalendarDate(beijing: now)
        var c: [SQLQueryString] = ["g.mode = 'api'", "g.revoked_at IS NULL", "g.activated_at <= \(bind: cutoff)",
                                   "(g.last_called_at IS NULL OR g.last_called_at < \(bind: cutoff))"]
        if let id = organizationID { c.append("g.organization_id = \(bind: id)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.grantSelect) \(filter) ORDER BY o.short_name, r.code, g.id").all()
                .map { try Self.grantSummary($0, today: today) }
                .filter { $0.status == .active }
                .map { UnusedGrant(grant: $0, daysActive: Int((Clock.millis(now) - Clock.millis($0.grant.activatedAt)) / 86_400_000)) }
        }
    }
}
