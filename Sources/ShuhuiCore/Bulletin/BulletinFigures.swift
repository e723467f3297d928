/// One unit's (or one system's) counter figures before ranking: what the daily roll-ups say.
public struct CounterRow: Sendable, Codable, Equatable {
    /// The unit's id.
    public var unitID: Int64
    /// The unit's short name as the bulletin prints it (市公安局).
    public var unitName: String
    /// The system's id and name, for per-system tables (附件 3); nil otherwise.
    public var systemID: Int64?
    /// The system's name.
    public var systemName: String?
    /// Columns printed before the volumes, summed in 其他 and 合计 (资源表 and 字段项; 查询模块数).
    public var counts: [Int64]
    /// Opening balance plus activity through the period's last day.
    public var cumulative: Int64
    /// Activity within the period.
    public var weekly: Int64

    /// Creates a row.
    public init(unitID: Int64, unitName: String, systemID: Int64? = nil, systemName: String? = nil, counts: [Int64] = [], cumulative: Int64, weekly: Int64) {
        self.unitID = unitID
        self.unitName = unitName
        self.systemID = systemID
        self.systemName = systemName
        self.counts = counts
        self.cumulative = cumulative
        self.weekly = weekly
    }
}

/// A point of a cumulative trend (图 1): the total through `day`.
public struct TrendPoint: Sendable, Codable, Equatable {
    /// The last day counted, YYYY-MM-DD.
    public var day: String
    /// The cumulative total through that day.
    public var value: Int64

    /// Creates a point.
    public init(day: String, value: Int64) {
        self.day = day
        self.value = value
    }
}

/// Sharing requests by mode standing on one date (表 1 数据共享需求情况表).
public struct DemandRow: Sendable, Codable, Equatable {
    /// YYYY-MM-DD.
    public var day: String
    /// Requests for push, API and query-page sharing.
    public var push, api, query: Int64

    /// Creates a row.
    public init(day: String, push: Int64, api: Int64, query: Int64) {
        self.day = day
        self.push = push
        self.api = api
        self.query = query
    }
}

/// Granted but unused API grants of one consuming unit (附件 4).
public struct UnusedRow: Sendable, Codable, Equatable {
    /// The consuming unit.
    public var unitName: String
    /// Grants (interfaces) not called.
    public var count: Int64

    /// Creates a row.
    public init(unitName: String, count: Int64) {
        self.unitName = unitName
        self.count = count
    }
}

/// Everything a bulletin quotes, read from the daily roll-ups and the catalog: the input of
/// ``BulletinComposer``. No figure in a bulletin comes from anywhere else.
public struct BulletinFigures: Sendable, Codable, Equatable {
    /// Period kind and bounds (YYYY-MM-DD).
    public var kind: ReportKind
    public var start: String
    public var end: String

    /// Collection per provider unit: counts = [资源表, 字段项], volumes in rows.
    public var collection: [CounterRow] = []
    /// Bytes stored through the period's end (opening balances included).
    public var storedBytes: Int64 = 0
    /// Cumulative rows collected at the end of each of the last periods (图 1), oldest first.
    public var collectionTrend: [TrendPoint] = []

    /// Whether the push and query-page counters exist in this database.
    public var sharingCountersAvailable: Bool = false
    /// Push per provider unit: counts = [资源表, 字段项], volumes in rows.
    public var push: [CounterRow] = []
    /// Push to the provincial centre: tables, fields, cumulative and period rows.
    public var provincialTables: Int64 = 0
    public var provincialFields: Int64 = 0
    public var provincialRows: Int64 = 0
    public var provincialWeekly: Int64 = 0

    /// API calls per calling system, volumes in calls.
    public var calls: [CounterRow] = []
    /// Data services published by the period's end, of which from the provincial centre.
    public var servicesPublished: Int64 = 0
    public var servicesProvincial: Int64 = 0
    /// Published services called at least once through the period's end.
    public var servicesInUse: Int64 = 0
    /// Distinct services called through the period's end.
    public var servicesCalled: Int64 = 0

    /// Query-page visits per visiting unit: counts = [查询模块数 visited], volumes in visits.
    public var query: [CounterRow] = []
    /// Query modules published by the period's end, and those with a visit.
    public var modulesPublished: Int64 = 0
    public var modulesInUse: Int64 = 0
    /// Distinct modules visited in the period.
    public var modulesVisitedInPeriod: Int64 = 0
    /// Active users with query rights, and units on the platform.
    public var queryUsers: Int64 = 0
    public var connectedUnits: Int64 = 0

    /// Units that submitted sharing requests, and requests submitted, through the period's end.
    public var requestingUnits: Int64 = 0
    public var requests: Int64 = 0
    /// 表 1: requests standing on each of the last period ends, oldest first.
    public var demand: [DemandRow] = []

    /// 附件 4: per consuming unit, grants not called within the rule's days.
    public var unused: [UnusedRow] = []
    /// The rule's days (14).
    public var unusedDays: Int = 14

    /// Creates empty figures for a period.
    public init(period: ReportPeriod) {
        self.kind = period.kind
        self.start = period.start.description
        self.end = period.end.description
    }
}
