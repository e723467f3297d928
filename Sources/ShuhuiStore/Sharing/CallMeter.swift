import Foundation
import ShuhuiCore
import SQLKit

/// One gateway call, as metered.
public struct CallRecord: Sendable {
    public var at: Date
    public var appKey: String?
    /// 0 when the caller was not identified.
    public var systemID: Int64
    public var organizationID: Int64
    /// 0 when no service was identified.
    public var serviceID: Int64
    public var grantID: Int64?
    public var status: Int
    /// Time in the gateway itself (authentication, policy, masking, encoding), microseconds.
    public var gatewayMicros: Int64
    /// Time in the store lookup, microseconds.
    public var storeMicros: Int64
    public var rows: Int
    public var bytes: Int
    /// The query parameters as JSON, values masked.
    public var params: String

    public init(at: Date, appKey: String?, systemID: Int64, organizationID: Int64, serviceID: Int64, grantID: Int64?, status: Int,
                gatewayMicros: Int64, storeMicros: Int64, rows: Int, bytes: Int, params: String) {
        self.at = at
        self.appKey = appKey
        self.systemID = systemID
        self.organizationID = organizationID
        self.serviceID = serviceID
        self.grantID = grantID
        self.status = status
        self.gatewayMicros = gatewayMicros
        self.storeMicros = storeMicros
        self.rows = rows
        self.bytes = bytes
        self.params = params
    }
}

/// Meters every gateway call with group commit: a call's record is appended to the pending
/// list and the call waits until the transaction holding it commits. One transaction carries
/// all records that arrived meanwhile, with the per-day counters and the grants' last use.
///
/// Nothing is dropped: under overload calls wait longer (back-pressure) instead of losing their
/// records, unlike a ring buffer; and no response leaves before its call is on disk.
actor CallMeter {
    private let database: Database
    private var pending: [(CallRecord, CheckedContinuation<Void, any Error>)] = []
    private var draining = false
    /// Records per transaction: SQLite allows 32,766 bound values per statement.
    static let maxBatch = 1_000

    init(database: Database) { self.database = database }

    func record(_ call: CallRecord) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
            pending.append((call, c))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let n = min(pending.count, Self.maxBatch)
            let batch = Array(pending[..<n])
            pending.removeFirst(n)
            do {
                try await Self.write(batch.map(\.0), database)
                for (_, c) in batch { c.resume() }
            } catch {
                for (_, c) in batch { c.resume(throwing: error) }
            }
        }
        draining = false
    }

    private struct DayKey: Hashable {
        var day: String
        var system: Int64
        var service: Int64
        var organization: Int64
    }

    private static func write(_ calls: [CallRecord], _ database: Database) async throws {
        var tally: [DayKey: (calls: Int64, failures: Int64, rows: Int64, bytes: Int64)] = [:]
        var latest: [Int64: Int64] = [:]
        for c in calls {
            let k = DayKey(day: Counters.day(c.at), system: c.systemID, service: c.serviceID, organization: c.organizationID)
            var v = tally[k] ?? (0, 0, 0, 0)
            v.calls += 1
            if c.status >= 400 { v.failures += 1 }
            v.rows += Int64(c.rows)
            v.bytes += Int64(c.bytes)
            tally[k] = v
            if let g = c.grantID, c.status < 400 { latest[g] = max(latest[g] ?? 0, Clock.millis(c.at)) }
        }
        let daily = tally, lastUse = latest
        try await database.transaction { (db: any SQLDatabase) in
            var insert: SQLQueryString = """
                INSERT INTO calls (at, app_key, system_id, organization_id, service_id, grant_id, status, gateway_us, store_us, row_count, bytes, params) VALUES
                """
            for (i, c) in calls.enumerated() {
                let row: SQLQueryString = """
                    \(unsafeRaw: i == 0 ? " " : ", ")(\(bind: Clock.millis(c.at)), \(bind: c.appKey), \(bind: c.systemID), \(bind: c.organizationID),
                    \(bind: c.serviceID), \(bind: c.grantID), \(bind: c.status), \(bind: c.gatewayMicros), \(bind: c.storeMicros), \(bind: c.rows),
                    \(bind: c.bytes), \(bind: c.params))
                    """
                insert = insert + row
            }
            try await db.raw(insert).run()
            for (k, v) in daily {
                try await db.raw("""
                    INSERT INTO call_daily (day, system_id, service_id, organization_id, calls, failures, row_count, bytes)
                    VALUES (\(bind: k.day), \(bind: k.system), \(bind: k.service), \(bind: k.organization), \(bind: v.calls), \(bind: v.failures), \(bind: v.rows), \(bind: v.bytes))
                    ON CONFLICT (day, system_id, service_id) DO UPDATE SET calls = call_daily.calls + excluded.calls,
                        failures = call_daily.failures + excluded.failures, row_count = call_daily.row_count + excluded.row_count,
                        bytes = call_daily.bytes + excluded.bytes
                    """).run()
            }
            for (g, at) in lastUse {
                try await db.raw("UPDATE grants SET last_called_at = \(bind: at) WHERE id = \(bind: g) AND (last_called_at IS NULL OR last_called_at < \(bind: at))").run()
            }
        }
    }
}

extension Store {
    /// Meters a gateway call; returns once the record is committed.
    public func meter(_ call: CallRecord) async throws {
        try await callMeter.record(call)
    }
}

/// A metered call as the audit trail shows it.
public struct CallEntry: Sendable, Encodable {
    public var id: Int64
    public var at: Date
    public var appKey: String?
    public var systemID: Int64
    public var organizationID: Int64
    public var serviceID: Int64
    public var grantID: Int64?
    public var status: Int
    public var gatewayMicros: Int64
    public var storeMicros: Int64
    public var rows: Int
    public var bytes: Int
    /// The query parameters, values masked.
    public var params: String
}

extension Store {
    /// Metered gateway calls, newest first, optionally of one consuming unit.
    public func calls(organizationID: Int64? = nil, page: PageRequest = .init()) async throws -> Page<CallEntry> {
        let filter = SQLQueryString.conjunction(organizationID.map { ["organization_id = \(bind: $0)"] } ?? [])
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM calls \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("SELECT * FROM calls \(filter) ORDER BY id DESC LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            let items = try rows.map { r in
                CallEntry(
                    id: try r.decode(column: "id", as: Int64.self), at: Clock.date(try r.decode(column: "at", as: Int64.self)),
                    appKey: try r.optional("app_key", as: String.self), systemID: try r.decode(column: "system_id", as: Int64.self),
                    organizationID: try r.decode(column: "organization_id", as: Int64.self), serviceID: try r.decode(column: "service_id", as: Int64.self),
                    grantID: try r.optional("grant_id", as: Int64.self), status: try r.decode(column: "status", as: Int.self),
                    gatewayMicros: try r.decode(column: "gateway_us", as: Int64.self), storeMicros: try r.decode(column: "store_us", as: Int64.self),
                    rows: try r.decode(column: "row_count", as: Int.self), bytes: try r.decode(column: "bytes", as: Int.self),
                    params: try r.decode(column: "params", as: String.self))
            }
            return Page(items: items, total: total, limit: page.limit, offset: page.offset)
        }
    }

    /// Calls per day, service and system from the daily counters (never the raw log).
    public func callTotals(from: String, through: String) async throws -> (calls: Int, failures: Int, rows: Int) {
        try await database.read { db in
            let row = try await db.raw("""
                SELECT CAST(COALESCE(SUM(calls), 0) AS BIGINT) AS calls, CAST(COALESCE(SUM(failures), 0) AS BIGINT) AS failures,
                    CAST(COALESCE(SUM(row_count), 0) AS BIGINT) AS row_count
                FROM call_daily WHERE day >= \(bind: from) AND day <= \(bind: through)
                """).first()
            return (try row?.decode(column: "calls", as: Int.self) ?? 0, try row?.decode(column: "failures", as: Int.self) ?? 0,
                    try row?.decode(column: "row_count", as: Int.self) ?? 0)
        }
    }
}
