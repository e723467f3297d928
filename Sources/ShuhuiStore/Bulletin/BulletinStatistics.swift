import Foundation
import ShuhuiCore
import SQLKit

/// Reads everything a bulletin quotes from the daily roll-ups (collection_daily, call_daily,
/// push_daily, query_visit_daily), the catalog, grants and requests, plus the opening
/// balances. Never from the raw logs (calls, query_visits, batches): the work grows with units,
/// systems and days, not with events.
extension Store {
    /// The figures of `period`.
    public func bulletinFigures(_ period: ReportPeriod, trendPoints: Int = 8, demandPoints: Int = 4) async throws -> BulletinFigures {
        let hasSharingCounters = try await hasMigration(4)
        return try await database.read { db in
            var f = BulletinFigures(period: period)
            let q = StatisticsQuery(db: db, period: period)
            let units = try await q.unitNames()

            // 附件 1: collection per provider unit.
            let tables = try await q.grouped("SELECT organization_id AS k, COUNT(DISTINCT resource_id) AS v FROM collection_daily WHERE day <= \(bind: q.end) GROUP BY organization_id")
            let fields = try await q.grouped("""
                SELECT r.provider_id AS k, COUNT(*) AS v FROM resource_fields f JOIN resources r ON r.id = f.resource_id
                WHERE r.id IN (SELECT DISTINCT resource_id FROM collection_daily WHERE day <= \(bind: q.end)) GROUP BY r.provider_id
                """)
            let collected = try await q.cumulative(table: "collection_daily", value: "rows_collected", unit: "organization_id", measure: .collectedRows, through: period.end)
            let collectedWeek = try await q.inPeriod(table: "collection_daily", value: "rows_collected", unit: "organization_id")
            f.collection = Set(collected.keys).union(collectedWeek.keys).map { id in
                CounterRow(unitID: id, unitName: units[id] ?? "#\(id)", counts: [tables[id] ?? 0, fields[id] ?? 0],
                           cumulative: collected[id] ?? 0, weekly: collectedWeek[id] ?? 0)
            }
            f.storedBytes = try await q.cumulative(table: "collection_daily", value: "bytes", unit: "organization_id", measure: .storedBytes, through: period.end).values.reduce(0, +)
            var trend: [TrendPoint] = []
            var p = period
            for _ in 0..<max(1, trendPoints) {
                let total = try await q.cumulative(table: "collection_daily", value: "rows_collected", unit: "organization_id", measure: .collectedRows, through: p.end).values.reduce(0, +)
                trend.insert(TrendPoint(day: p.end.description, value: total), at: 0)
                p = p.previous
            }
            f.collectionTrend = trend

            // 附件 2: push per provider unit, and to the provincial centre.
            f.sharingCountersAvailable = hasSharingCounters
            if hasSharingCounters { try await q.push(into: &f, units: units) }

            // 附件 3: calls per calling system.
            try await q.calls(into: &f, units: units)

            // 附件 5: query-page visits per visiting unit.
            if hasSharingCounters { try await q.query(into: &f, units: units) }

            // Requests, 表 1, 附件 4.
            try await q.requests(into: &f, demandPoints: demandPoints)
            try await q.unused(into: &f, units: units)
            return f
        }
    }

    /// Whether a schema step has been applied (the push and query counters come with 4).
    func hasMigration(_ version: Int) async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM schema_migrations WHERE version = \(bind: version)") > 0
    }
}

/// The statistics queries of one period, on one connection.
struct StatisticsQuery {
    let db: any SQLDatabase
    let period: ReportPeriod
    var start: String { period.start.description }
    var end: String { period.end.description }
    /// The last millisecond of the period (Beijing).
    var endMillis: Int64 { Clock.millis(period.end.endOfBeijingDay) }

    init(db: any SQLDatabase, period: ReportPeriod) {
        self.db = db
        self.period = period
    }

    func unitNames() async throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for r in try await db.raw("SELECT id, short_name FROM organizations").all() {
            out[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "short_name", as: String.self)
        }
        return out
    }

    /// Rows of (k, v) as a dictionary.
    func grouped(_ sql: SQLQueryString) async throws -> [Int64: Int64] {
        var out: [Int64: Int64] = [:]
        for r in try await db.raw(sql).all() {
            out[try r.decode(column: "k", as: Int64.self)] = try r.optional("v", as: Int64.self) ?? 0
        }
        return out
    }

    func scalar(_ sql: SQLQueryString) async throws -> Int64 {
        try await db.raw(sql).first()?.optional("v", as: Int64.self) ?? 0
    }

    /// Per unit: its opening balance of `measure` (if dated on or before `through`) plus the
    /// roll-up's activity after the balance date through `through`.
    func cumulative(table: String, value: String, unit: String, measure: BalanceMeasure, through day: CalendarDate) async throws -> [Int64: Int64] {
        let d = day.description
        return try await grouped("""
            SELECT x.k AS k, CAST(SUM(x.v) AS BIGINT) AS v FROM (
                SELECT c.\(unsafeRaw: unit) AS k, CAST(SUM(c.\(unsafeRaw: value)) AS BIGINT) AS v FROM \(unsafeRaw: table) c
                LEFT JOIN opening_balances b ON b.organization_id = c.\(unsafeRaw: unit) AND b.system_id = 0 AND b.measure = \(bind: measure.rawValue) AND b.as_of <= \(bind: d)
                WHERE c.day <= \(bind: d) AND (b.as_of IS NULL OR c.day > b.as_of) GROUP BY c.\(unsafeRaw: unit)
                UNION ALL
                SELECT organization_id AS k, value AS v FROM opening_balances WHERE measure = \(bind: measure.rawValue) AND system_id = 0 AND as_of <= \(bind: d)
            ) x GROUP BY x.k
            """)
    }

    /// Per unit: the roll-up's activity within the period.
    func inPeriod(table: String, value: String, unit: String) async throws -> [Int64: Int64] {
        try await grouped("""
            SELECT \(unsafeRaw: unit) AS k, CAST(SUM(\(unsafeRaw: value)) AS BIGINT) AS v FROM \(unsafeRaw: table)
            WHERE day >= \(bind: start) AND day <= \(bind: end) GROUP BY \(unsafeRaw: unit)
            """)
    }

    // MARK: push

    func push(into f: inout BulletinFigures, units: [Int64: String]) async throws {
        // Subscriptions standing in the period: created by its end, not cancelled before it began.
        let startMillis = Clock.millis(period.start.endOfBeijingDay) - 86_400_000 + 1
        var resourceFields: [Int64: Set<String>] = [:], resourceProvider: [Int64: Int64] = [:], provincialFields: [Int64: Set<String>] = [:]
        let provincial = Set(try await db.raw("SELECT id FROM organizations WHERE kind = 'provincialCentre'").all().map { try $0.decode(column: "id", as: Int64.self) })
        for r in try await db.raw("""
            SELECT resource_id, provider_id, organization_id, fields FROM push_subscriptions
            WHERE created_at <= \(bind: endMillis) AND (cancelled_at IS NULL OR cancelled_at >= \(bind: startMillis))
            """).all() {
            let resource = try r.decode(column: "resource_id", as: Int64.self)
            let codes = (try? JSONText.decode([String].self, try r.decode(column: "fields", as: String.self))) ?? []
            resourceProvider[resource] = try r.decode(column: "provider_id", as: Int64.self)
            resourceFields[resource, default: []].formUnion(codes)
            if provincial.contains(try r.decode(column: "organization_id", as: Int64.self)) { provincialFields[resource, default: []].formUnion(codes) }
        }
        var tables: [Int64: Int64] = [:], fields: [Int64: Int64] = [:]
        for (resource, codes) in resourceFields {
            guard let provider = resourceProvider[resource] else { continue }
            tables[provider, default: 0] += 1
            fields[provider, default: 0] += Int64(codes.count)
        }
        let pushed = try await cumulative(table: "push_daily", value: "records", unit: "provider_id", measure: .pushedRows, through: period.end)
        let pushedWeek = try await inPeriod(table: "push_daily", value: "records", unit: "provider_id")
        f.push = Set(pushed.keys).union(pushedWeek.keys).union(tables.keys).map { id in
            CounterRow(unitID: id, unitName: units[id] ?? "#\(id)", counts: [tables[id] ?? 0, fields[id] ?? 0], cumulative: pushed[id] ?? 0, weekly: pushedWeek[id] ?? 0)
        }
        f.provincialTables = Int64(provincialFields.count)
        f.provincialFields = provincialFields.values.reduce(0) { $0 + Int64($1.count) }
        if !provincial.isEmpty {
            let ids = SQLQueryString(provincial.map(String.init).joined(separator: ","))
            f.provincialRows = try await scalar("SELECT CAST(COALESCE(SUM(records), 0) AS BIGINT) AS v FROM push_daily WHERE day <= \(bind: end) AND organization_id IN (\(ids))")
            f.provincialWeekly = try await scalar("""
                SELECT CAST(COALESCE(SUM(records), 0) AS BIGINT) AS v FROM push_daily WHERE day >= \(bind: start) AND day <= \(bind: end) AND organization_id IN (\(ids))
                """)
        }
    }

    // MARK: calls

    func calls(into f: inout BulletinFigures, units: [Int64: String]) async throws {
        var systems: [Int64: (name: String, unit: Int64)] = [:]
        for r in try await db.raw("SELECT id, name, organization_id FROM information_systems").all() {
            systems[try r.decode(column: "id", as: Int64.self)] = (try r.decode(column: "name", as: String.self), try r.decode(column: "organization_id", as: Int64.self))
        }
        struct Key: Hashable { var unit: Int64; var system: Int64 }
        var cumulative: [Key: Int64] = [:], weekly: [Key: Int64] = [:]
        // Identified callers only (system_id > 0); every metered call counts, refused or not.
        for r in try await db.raw("""
            SELECT x.u AS u, x.s AS s, CAST(SUM(x.v) AS BIGINT) AS v FROM (
                SELECT c.organization_id AS u, c.system_id AS s, CAST(SUM(c.calls) AS BIGINT) AS v FROM call_daily c
                LEFT JOIN opening_balances b ON b.organization_id = c.organization_id AND b.system_id = c.system_id AND b.measure = 'calls' AND b.as_of <= \(bind: end)
                WHERE c.system_id > 0 AND c.day <= \(bind: end) AND (b.as_of IS NULL OR c.day > b.as_of) GROUP BY c.organization_id, c.system_id
                UNION ALL
                SELECT organization_id AS u, system_id AS s, value AS v FROM opening_balances WHERE measure = 'calls' AND as_of <= \(bind: end)
            ) x GROUP BY x.u, x.s
            """).all() {
            cumulative[Key(unit: try r.decode(column: "u", as: Int64.self), system: try r.decode(column: "s", as: Int64.self))] = try r.decode(column: "v", as: Int64.self)
        }
        for r in try await db.raw("""
            SELECT organization_id AS u, system_id AS s, CAST(SUM(calls) AS BIGINT) AS v FROM call_daily
            WHERE system_id > 0 AND day >= \(bind: start) AND day <= \(bind: end) GROUP BY organization_id, system_id
            """).all() {
            weekly[Key(unit: try r.decode(column: "u", as: Int64.self), system: try r.decode(column: "s", as: Int64.self))] = try r.decode(column: "v", as: Int64.self)
        }
        f.calls = Set(cumulative.keys).union(weekly.keys).map { k in
            CounterRow(unitID: k.unit, unitName: units[k.unit] ?? "#\(k.unit)", systemID: k.system,
                       systemName: k.system == 0 ? "—" : (systems[k.system]?.name ?? "#\(k.system)"),
                       cumulative: cumulative[k] ?? 0, weekly: weekly[k] ?? 0)
        }
        let published = """
            FROM data_services s WHERE s.published_at IS NOT NULL AND s.published_at <= \(endMillis) AND (s.retired_at IS NULL OR s.retired_at > \(endMillis))
            """
        f.servicesPublished = try await scalar("SELECT COUNT(*) AS v \(unsafeRaw: published)")
        f.servicesProvincial = try await scalar("""
            SELECT COUNT(*) AS v \(unsafeRaw: published) AND s.organization_id IN (SELECT id FROM organizations WHERE kind = 'provincialCentre')
            """)
        f.servicesInUse = try await scalar("""
            SELECT COUNT(*) AS v \(unsafeRaw: published) AND s.id IN (SELECT DISTINCT service_id FROM call_daily WHERE system_id > 0 AND day <= \(bind: end))
            """)
        f.servicesCalled = try await scalar("SELECT COUNT(DISTINCT service_id) AS v FROM call_daily WHERE system_id > 0 AND service_id > 0 AND day <= \(bind: end)")
    }

    // MARK: query pages

    func query(into f: inout BulletinFigures, units: [Int64: String]) async throws {
        let modules = try await grouped("""
            SELECT organization_id AS k, COUNT(DISTINCT module_id) AS v FROM query_visit_daily WHERE day <= \(bind: end) GROUP BY organization_id
            """)
        let visits = try await cumulative(table: "query_visit_daily", value: "visits", unit: "organization_id", measure: .visits, through: period.end)
        let visitsWeek = try await inPeriod(table: "query_visit_daily", value: "visits", unit: "organization_id")
        f.query = Set(visits.keys).union(visitsWeek.keys).map { id in
            CounterRow(unitID: id, unitName: units[id] ?? "#\(id)", counts: [modules[id] ?? 0], cumulative: visits[id] ?? 0, weekly: visitsWeek[id] ?? 0)
        }
        f.modulesPublished = try await scalar("""
            SELECT COUNT(*) AS v FROM query_modules WHERE published_at IS NOT NULL AND published_at <= \(bind: endMillis) AND state = 'published'
            """)
        f.modulesInUse = try await scalar("SELECT COUNT(DISTINCT module_id) AS v FROM query_visit_daily WHERE day <= \(bind: end)")
        f.modulesVisitedInPeriod = try await scalar("SELECT COUNT(DISTINCT module_id) AS v FROM query_visit_daily WHERE day >= \(bind: start) AND day <= \(bind: end)")
        f.queryUsers = try await scalar("""
            SELECT COUNT(*) AS v FROM users u WHERE u.active = 1 AND u.role = 'queryUser' AND u.organization_id IN (
                SELECT g.organization_id FROM grants g WHERE g.mode = 'query' AND g.activated_at <= \(bind: endMillis)
                AND (g.revoked_at IS NULL OR g.revoked_at > \(bind: endMillis)) AND g.valid_until >= \(bind: end))
            """)
    }

    // MARK: requests, 表 1, 附件 4

    func requests(into f: inout BulletinFigures, demandPoints: Int) async throws {
        let row = try await db.raw("""
            SELECT COUNT(DISTINCT organization_id) AS units, COUNT(*) AS n FROM sharing_requests WHERE created_at <= \(bind: endMillis)
            """).first()
        f.requestingUnits = try row?.decode(column: "units", as: Int64.self) ?? 0
        f.requests = try row?.decode(column: "n", as: Int64.self) ?? 0
        // Accounts keep no history (only whether they are active now), so users with query rights
        // and connected units are counted as they stand when the figures are read; an issued
        // bulletin keeps the figures of its day.
        f.connectedUnits = try await scalar("""
            SELECT COUNT(DISTINCT organization_id) AS v FROM users WHERE active = 1 AND organization_id IS NOT NULL
            """)
        var demand: [DemandRow] = []
        var p = period
        for _ in 0..<max(1, demandPoints) {
            let cutoff = Clock.millis(p.end.endOfBeijingDay)
            var byMode: [String: Int64] = [:]
            for r in try await db.raw("""
                SELECT mode, COUNT(*) AS n FROM sharing_requests WHERE created_at <= \(bind: cutoff) AND state NOT IN ('refused', 'withdrawn') GROUP BY mode
                """).all() {
                byMode[try r.decode(column: "mode", as: String.self)] = try r.decode(column: "n", as: Int64.self)
            }
            demand.insert(DemandRow(day: p.end.description, push: byMode["push"] ?? 0, api: byMode["api"] ?? 0, query: byMode["query"] ?? 0), at: 0)
            p = p.previous
        }
        f.demand = demand
    }

    /// API grants standing at the period's end, active for at least `unusedDays`, with no
    /// successful call under them (their system on a service over their resource) in the last
    /// `unusedDays` days of the period — read from call_daily, so a past bulletin does not
    /// change when a grant is called later.
    func unused(into f: inout BulletinFigures, units: [Int64: String]) async throws {
        let days = f.unusedDays
        let activatedBy = endMillis - Int64(days) * 86_400_000
        let from = period.end.adding(days: -(days - 1)).description
        let counts = try await grouped("""
            SELECT g.organization_id AS k, COUNT(*) AS v FROM grants g
            WHERE g.mode = 'api' AND g.activated_at <= \(bind: activatedBy) AND (g.revoked_at IS NULL OR g.revoked_at > \(bind: endMillis))
              AND g.valid_until >= \(bind: end)
              AND NOT EXISTS (SELECT 1 FROM call_daily c JOIN data_services s ON s.id = c.service_id
                              WHERE c.system_id = g.system_id AND s.resource_id = g.resource_id AND c.day >= \(bind: from) AND c.day <= \(bind: end)
                                AND c.calls > c.failures)
            GROUP BY g.organization_id
            """)
        f.unused = counts.map { UnusedRow(unitName: units[$0.key] ?? "#\($0.key)", count: $0.value) }.sorted { $0.unitName < $1.unitName }
    }
}
