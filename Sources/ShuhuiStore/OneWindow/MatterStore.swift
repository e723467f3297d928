import Foundation
import ShuhuiCore
import SQLKit

/// Which matters a list shows, by whether they are in force on the day asked about.
public enum MatterStanding: String, Sendable, Codable, CaseIterable {
    /// Never retired, or retired from a later day on (the in-force catalog).
    case inForce
    /// Retired on or before the day (事项取消/停用).
    case retired
    /// Both.
    case all
}

/// Filters for listing matters.
public struct MatterQuery: Sendable {
    /// Matters of this unit.
    public var organizationID: Int64?
    /// 行使层级.
    public var level: MatterLevel?
    /// Joined (true) or not (false).
    public var joined: Bool?
    /// Only confirmed TOP-100 matters.
    public var top100: Bool?
    /// Name or code contains.
    public var text: String?
    /// In force, retired or both, on `day`.
    public var standing: MatterStanding
    /// The day `standing` is judged on (Beijing today when nil).
    public var day: CalendarDate?
    /// Page.
    public var page: PageRequest

    /// Creates a query; nil filters match everything, and only matters in force are listed
    /// unless `standing` says otherwise.
    public init(organizationID: Int64? = nil, level: MatterLevel? = nil, joined: Bool? = nil, top100: Bool? = nil, text: String? = nil,
                standing: MatterStanding = .inForce, day: CalendarDate? = nil, page: PageRequest = .init()) {
        self.organizationID = organizationID
        self.level = level
        self.joined = joined
        self.top100 = top100
        self.text = text
        self.standing = standing
        self.day = day
        self.page = page
    }
}

extension Store {
    static let matterSelect = """
        SELECT m.id, m.document, m.updated_at, m.retired_on, m.retired_reason, m.retired_by, o.short_name AS organization_name, s.name AS system_name
        FROM matters m JOIN organizations o ON o.id = m.organization_id LEFT JOIN information_systems s ON s.id = m.system_id
        """

    static func matter(_ row: any SQLRow) throws -> Matter {
        let draft = try JSONText.decode(MatterDraft.self, try row.decode(column: "document", as: String.self))
        let retirement = try row.optional("retired_on", as: String.self).map { on in
            MatterRetirement(retiredOn: on, reason: try row.optional("retired_reason", as: String.self) ?? "",
                             retiredBy: try row.optional("retired_by", as: String.self) ?? "")
        }
        return Matter(
            id: try row.decode(column: "id", as: Int64.self), draft: draft,
            organizationName: try row.decode(column: "organization_name", as: String.self),
            systemDisplayName: try row.optional("system_name", as: String.self) ?? draft.systemName,
            updatedAt: Clock.date(try row.decode(column: "updated_at", as: Int64.self)), retirement: retirement)
    }

    /// The SQL condition for a matter (aliased `m`) being in force on `day`.
    static func inForce(on day: CalendarDate) -> SQLQueryString {
        "(m.retired_on IS NULL OR m.retired_on > \(bind: day.description))"
    }

    /// Registers a matter of the actor's unit (or any unit, for the bureau).
    public func createMatter(_ draft: MatterDraft, by actor: Principal, now: Date = Date()) async throws -> Matter {
        try AccessPolicy.canEditMatter(ownedBy: draft.organizationID, actor)
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            if try await db.raw("SELECT id FROM matters WHERE code = \(bind: draft.code)").first() != nil {
                throw StoreError.duplicate(field: "code", value: draft.code)
            }
            let issues = try await Self.matterIssues(db, draft)
            if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
            return try await Self.insertMatter(db, draft, at: Clock.millis(now))
        }
        return try await matter(id: id)
    }

    /// Replaces a matter's fields. Its implementation code and unit stay; a data officer edits
    /// only its own unit's matters.
    public func updateMatter(code: String, _ draft: MatterDraft, by actor: Principal, now: Date = Date()) async throws -> Matter {
        let existing = try await matter(code: code)
        try AccessPolicy.canEditMatter(ownedBy: existing.draft.organizationID, actor)
        var issues: [FieldIssue] = []
        if draft.code != existing.draft.code {
            issues.append(FieldIssue(field: "code", code: "immutable", message: Strings.format("ow.bad_code", ["value": draft.code])))
        }
        if draft.organizationID != existing.draft.organizationID {
            issues.append(FieldIssue(field: "organizationID", code: "unit_changed", message: Strings["ow.import_unit_changed"]))
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        try await database.transaction { (db: any SQLDatabase) in
            let found = try await Self.matterIssues(db, draft)
            if !found.isEmpty { throw StoreError.invalid(ValidationFailure(found)) }
            try await Self.updateMatter(db, id: existing.id, draft, at: Clock.millis(now))
        }
        return try await matter(id: existing.id)
    }

    /// One matter by its implementation code.
    public func matter(code: String) async throws -> Matter {
        try await database.read { db in
            let row = try await db.raw("\(unsafeRaw: Self.matterSelect) WHERE m.code = \(bind: code)").first()
            return try Self.matter(try row.orThrow(.notFound("matter \(code)")))
        }
    }

    /// One matter by row id.
    public func matter(id: Int64) async throws -> Matter {
        try await database.read { db in
            let row = try await db.raw("\(unsafeRaw: Self.matterSelect) WHERE m.id = \(bind: id)").first()
            return try Self.matter(try row.orThrow(.notFound("matter \(id)")))
        }
    }

    /// Matters, by unit and code.
    public func matters(_ q: MatterQuery) async throws -> Page<Matter> {
        var c: [SQLQueryString] = []
        if let id = q.organizationID { c.append("m.organization_id = \(bind: id)") }
        if let l = q.level { c.append("m.level = \(bind: l.rawValue)") }
        if let j = q.joined { c.append(j ? "m.joined_on IS NOT NULL" : "m.joined_on IS NULL") }
        if let t = q.top100 { c.append("m.top100 = \(bind: t ? 1 : 0)") }
        if let text = q.text {
            let like = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            c.append("(m.name LIKE \(bind: like) OR m.code LIKE \(bind: like))")
        }
        let day = q.day ?? CalendarDate.today()
        switch q.standing {
        case .inForce: c.append(Self.inForce(on: day))
        case .retired: c.append("(m.retired_on IS NOT NULL AND m.retired_on <= \(bind: day.description))")
        case .all: break
        }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM matters m \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("\(unsafeRaw: Self.matterSelect) \(filter) ORDER BY m.organization_id, m.code LIMIT \(bind: q.page.limit) OFFSET \(bind: q.page.offset)").all()
            return Page(items: try rows.map(Self.matter), total: total, limit: q.page.limit, offset: q.page.offset)
        }
    }

    /// Every matter, retired ones included (imports and exports; reports keep those in force
    /// with ``Matter/isInForce(on:)``).
    public func allMatters() async throws -> [Matter] {
        try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.matterSelect) ORDER BY m.organization_id, m.code").all().map(Self.matter)
        }
    }

    /// What the database knows that the draft alone cannot: the unit exists, the system is the unit's.
    static func matterIssues(_ db: any SQLDatabase, _ draft: MatterDraft) async throws -> [FieldIssue] {
        var issues = draft.issues()
        if try await db.raw("SELECT id FROM organizations WHERE id = \(bind: draft.organizationID)").first() == nil {
            issues.append(FieldIssue(field: "organizationID", code: "unknown_unit", message: Strings.format("ow.unknown_unit", ["value": String(draft.organizationID)])))
        }
        if let s = draft.systemID {
            let row = try await db.raw("SELECT organization_id FROM information_systems WHERE id = \(bind: s)").first()
            if try row?.decode(column: "organization_id", as: Int64.self) != draft.organizationID {
                issues.append(FieldIssue(field: "systemID", code: "unknown_system", message: Strings.format("ow.unknown_system", ["value": String(s)])))
            }
        }
        return issues
    }

    static func insertMatter(_ db: any SQLDatabase, _ d: MatterDraft, at: Int64) async throws -> Int64 {
        let row = try await db.raw("""
            INSERT INTO matters (code, basic_code, name, kind, organization_id, level, system_id, case_volume, top100, nearby, online,
                online_exception, audience, joined_on, document, created_at, updated_at)
            VALUES (\(bind: d.code), \(bind: d.basicCode), \(bind: d.name), \(bind: d.kind.rawValue), \(bind: d.organizationID), \(bind: d.level.rawValue),
                \(bind: d.systemID), \(bind: Int64(d.caseVolume)), \(bind: d.top100 ? 1 : 0), \(bind: d.nearby ? 1 : 0), \(bind: d.online ? 1 : 0),
                \(bind: d.onlineException?.rawValue), \(bind: d.audience.rawValue), \(bind: d.join.joinedOn), \(bind: try JSONText.encode(d)), \(bind: at), \(bind: at))
            RETURNING id
            """).first()
        return try row.orThrow(.notFound("matter")).decode(column: "id", as: Int64.self)
    }

    static func updateMatter(_ db: any SQLDatabase, id: Int64, _ d: MatterDraft, at: Int64) async throws {
        try await db.raw("""
            UPDATE matters SET basic_code = \(bind: d.basicCode), name = \(bind: d.name), kind = \(bind: d.kind.rawValue), level = \(bind: d.level.rawValue),
                system_id = \(bind: d.systemID), case_volume = \(bind: Int64(d.caseVolume)), top100 = \(bind: d.top100 ? 1 : 0), nearby = \(bind: d.nearby ? 1 : 0),
                online = \(bind: d.online ? 1 : 0), online_exception = \(bind: d.onlineException?.rawValue), audience = \(bind: d.audience.rawValue),
                joined_on = \(bind: d.join.joinedOn), document = \(bind: try JSONText.encode(d)), updated_at = \(bind: at)
            WHERE id = \(bind: id)
            """).run()
    }
}
