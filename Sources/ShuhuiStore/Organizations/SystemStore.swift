import Foundation
import ShuhuiCore
import SQLKit

/// What a client sends to register or change an information system.
public struct SystemInput: Sendable, Codable, Equatable {
    public var organizationID: Int64
    public var code: String
    public var name: String
    public var level: SystemLevel
    public var status: SystemStatus?
    public var owner: String?
    public var summary: String?

    /// Creates an input.
    public init(organizationID: Int64, code: String, name: String, level: SystemLevel, status: SystemStatus? = nil, owner: String? = nil, summary: String? = nil) {
        self.organizationID = organizationID
        self.code = code
        self.name = name
        self.level = level
        self.status = status
        self.owner = owner
        self.summary = summary
    }

    func validate() throws(StoreError) {
        var issues: [FieldIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue(field: "name", code: "required", message: Strings["v.required"])) }
        if code.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue(field: "code", code: "required", message: Strings["v.required"])) }
        if name.count > 100 { issues.append(FieldIssue(field: "name", code: "too_long", message: Strings.format("v.tooLong", ["max": "100"]))) }
        if code.count > 64 { issues.append(FieldIssue(field: "code", code: "too_long", message: Strings.format("v.tooLong", ["max": "64"]))) }
        if !issues.isEmpty { throw .invalid(ValidationFailure(issues)) }
    }
}

/// A filter over the census.
public struct SystemQuery: Sendable {
    public var organizationID: Int64?
    public var level: SystemLevel?
    public var text: String?
    public var page: PageRequest

    /// Creates a query.
    public init(organizationID: Int64? = nil, level: SystemLevel? = nil, text: String? = nil, page: PageRequest = .init()) {
        self.organizationID = organizationID
        self.level = level
        self.text = text
        self.page = page
    }
}

/// Census figures as the seeds report them ("1150 systems registered, 590 national or
/// provincial, 560 city and county").
public struct CensusStatistics: Sendable, Codable, Equatable {
    /// Figures for one unit.
    public struct UnitRow: Sendable, Codable, Equatable {
        public var organizationID: Int64
        public var organizationName: String
        public var total: Int
        public var byLevel: [String: Int]
    }
    public var total: Int
    public var running: Int
    public var upperLevel: Int
    public var localLevel: Int
    public var byLevel: [String: Int]
    public var byStatus: [String: Int]
    public var organizations: Int
    public var organizationsByKind: [String: Int]
    public var byUnit: [UnitRow]
}

extension Store {
    static let systemColumns = "id, organization_id, code, name, level, status, owner, summary, created_at"

    static func system(_ row: any SQLRow) throws -> InformationSystem {
        InformationSystem(
            id: try row.decode(column: "id", as: Int64.self),
            organizationID: try row.decode(column: "organization_id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            level: SystemLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .municipal,
            status: SystemStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .running,
            owner: try row.decode(column: "owner", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    /// A page of systems.
    public func systems(_ q: SystemQuery) async throws -> Page<InformationSystem> {
        var conditions: [SQLQueryString] = []
        if let org = q.organizationID { conditions.append("organization_id = \(bind: org)") }
        if let level = q.level { conditions.append("level = \(bind: level.rawValue)") }
        if let text = q.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let like = SearchPattern.contains(text)
            conditions.append("(LOWER(name) LIKE \(bind: like) ESCAPE '\\' OR LOWER(code) LIKE \(bind: like) ESCAPE '\\')")
        }
        let whereClause = SQLQueryString.conjunction(conditions)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM information_systems \(whereClause)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT \(unsafeRaw: Self.systemColumns) FROM information_systems \(whereClause)
                ORDER BY organization_id, id LIMIT \(bind: q.page.limit) OFFSET \(bind: q.page.offset)
                """).all()
            return Page(items: try rows.map(Self.system), total: total, limit: q.page.limit, offset: q.page.offset)
        }
    }

    /// Every system of one unit (for forms and the source-system check).
    public func systems(organizationID: Int64) async throws -> [InformationSystem] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.systemColumns) FROM information_systems WHERE organization_id = \(bind: organizationID) ORDER BY id").all().map(Self.system)
        }
    }

    /// One system.
    public func system(id: Int64) async throws -> InformationSystem {
        let row = try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.systemColumns) FROM information_systems WHERE id = \(bind: id)").first()
        }
        return try Self.system(row.orThrow(.notFound("system \(id)")))
    }

    /// Registers a system.
    public func createSystem(_ input: SystemInput) async throws -> InformationSystem {
        try input.validate()
        return try await database.transaction { db in
            try await Self.checkSystemRefs(db, input, except: nil)
            let row = try await db.raw("""
                INSERT INTO information_systems (organization_id, code, name, level, status, owner, summary, created_at)
                VALUES (\(bind: input.organizationID), \(bind: input.code), \(bind: input.name), \(bind: input.level.rawValue),
                        \(bind: (input.status ?? .running).rawValue), \(bind: input.owner ?? ""), \(bind: input.summary ?? ""), \(bind: Clock.millis()))
                RETURNING \(unsafeRaw: Self.systemColumns)
                """).first()
            return try Self.system(row.orThrow(.notFound("system")))
        }
    }

    /// Changes a system.
    public func updateSystem(id: Int64, _ input: SystemInput) async throws -> InformationSystem {
        try input.validate()
        return try await database.transaction { db in
            try await Self.checkSystemRefs(db, input, except: id)
            let row = try await db.raw("""
                UPDATE information_systems SET organization_id = \(bind: input.organizationID), code = \(bind: input.code), name = \(bind: input.name),
                    level = \(bind: input.level.rawValue), status = \(bind: (input.status ?? .running).rawValue),
                    owner = \(bind: input.owner ?? ""), summary = \(bind: input.summary ?? "")
                WHERE id = \(bind: id) RETURNING \(unsafeRaw: Self.systemColumns)
                """).first()
            return try Self.system(row.orThrow(.notFound("system \(id)")))
        }
    }

    /// Removes a system nothing refers to: no resource names it as its source, and it holds
    /// no sharing request, grant or app key (those stay as the audit trail).
    public func deleteSystem(id: Int64) async throws {
        try await database.transaction { db in
            _ = try await db.raw("SELECT id FROM information_systems WHERE id = \(bind: id)").first().orThrow(.notFound("system \(id)"))
            let n = try await db.raw("""
                SELECT (SELECT COUNT(*) FROM resources WHERE source_system_id = \(bind: id)) + (SELECT COUNT(*) FROM sharing_requests WHERE system_id = \(bind: id))
                    + (SELECT COUNT(*) FROM app_credentials WHERE system_id = \(bind: id)) AS n
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            if n > 0 { throw StoreError.inUse("system \(id)") }
            try await db.raw("DELETE FROM information_systems WHERE id = \(bind: id)").run()
        }
    }

    private static func checkSystemRefs(_ db: any SQLDatabase, _ input: SystemInput, except: Int64?) async throws {
        guard try await db.raw("SELECT id FROM organizations WHERE id = \(bind: input.organizationID)").first() != nil else {
            throw StoreError.invalid(ValidationFailure(field: "organizationID", code: "unknown_organization",
                message: Strings.format("v.unknownProvider", ["value": String(input.organizationID)])))
        }
        if let row = try await db.raw("SELECT id FROM information_systems WHERE code = \(bind: input.code)").first(),
            try row.decode(column: "id", as: Int64.self) != except
        {
            throw StoreError.duplicate(field: "code", value: input.code)
        }
    }

    /// The census in figures.
    public func censusStatistics() async throws -> CensusStatistics {
        try await database.read { db in
            var byLevel: [String: Int] = [:], byStatus: [String: Int] = [:], kinds: [String: Int] = [:]
            var units: [Int64: CensusStatistics.UnitRow] = [:]
            let names = try await db.raw("SELECT id, short_name, kind FROM organizations").all()
            var nameOf: [Int64: String] = [:]
            for r in names {
                nameOf[try r.decode(column: "id", as: Int64.self)] = try r.decode(column: "short_name", as: String.self)
                kinds[try r.decode(column: "kind", as: String.self), default: 0] += 1
            }
            let rows = try await db.raw("""
                SELECT organization_id, level, status, COUNT(*) AS n FROM information_systems GROUP BY organization_id, level, status
                """).all()
            for r in rows {
                let org = try r.decode(column: "organization_id", as: Int64.self)
                let level = try r.decode(column: "level", as: String.self)
                let n = try r.decode(column: "n", as: Int.self)
                byLevel[level, default: 0] += n
                byStatus[try r.decode(column: "status", as: String.self), default: 0] += n
                var u = units[org] ?? .init(organizationID: org, organizationName: nameOf[org] ?? "#\(org)", total: 0, byLevel: [:])
                u.total += n
                u.byLevel[level, default: 0] += n
                units[org] = u
            }
            let upper = SystemLevel.allCases.filter(\.isUpperLevel).reduce(0) { $0 + byLevel[$1.rawValue, default: 0] }
            let total = byLevel.values.reduce(0, +)
            return CensusStatistics(
                total: total, running: byStatus[SystemStatus.running.rawValue, default: 0],
                upperLevel: upper, localLevel: total - upper, byLevel: byLevel, byStatus: byStatus,
                organizations: names.count, organizationsByKind: kinds,
                byUnit: units.values.sorted { ($0.total, $1.organizationName) > ($1.total, $0.organizationName) })
        }
    }
}

/// LIKE patterns with the user's `%`, `_` and `\` taken literally.
enum SearchPattern {
    static func contains(_ text: String) -> String {
        var out = "%"
        for ch in text.lowercased() {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "%"
    }
}

extension SQLQueryString {
    /// `WHERE a AND b …`, or nothing when there are no conditions.
    static func conjunction(_ parts: [SQLQueryString]) -> SQLQueryString {
        guard var out = parts.first.map({ "WHERE " as SQLQueryString + $0 }) else { return "" }
        for p in parts.dropFirst() { out = out + " AND " + p }
        return out
    }
}
