import Foundation
import ShuhuiCore
import SQLKit

/// Filters for listing sharing requests.
public struct RequestQuery: Sendable {
    /// Requests made by this unit.
    public var consumerID: Int64?
    /// Requests for this unit's resources.
    public var providerID: Int64?
    public var state: RequestState?
    public var page: PageRequest

    public init(consumerID: Int64? = nil, providerID: Int64? = nil, state: RequestState? = nil, page: PageRequest = .init()) {
        self.consumerID = consumerID
        self.providerID = providerID
        self.state = state
        self.page = page
    }
}

/// What the approver sets when granting: masks and limits; all optional.
public struct GrantTerms: Sendable, Codable, Equatable {
    /// Mask per field, over the suggested ones.
    public var masks: [String: MaskKind]?
    public var ratePerMinute: Int?
    /// A shorter period than asked, `YYYY-MM-DD`.
    public var validUntil: String?

    public init(masks: [String: MaskKind]? = nil, ratePerMinute: Int? = nil, validUntil: String? = nil) {
        self.masks = masks
        self.ratePerMinute = ratePerMinute
        self.validUntil = validUntil
    }
}

extension Store {
    // MARK: Settings

    /// The bureau's unit (市数据资源管理局): its approvers answer the bureau step.
    public func bureauID() async throws -> Int64? {
        try await setting("bureau_organization_id").flatMap { Int64($0) }
    }

    /// Names the bureau's unit.
    public func setBureau(_ organizationID: Int64) async throws {
        _ = try await organization(id: organizationID)
        try await setSetting("bureau_organization_id", String(organizationID))
    }

    func setting(_ name: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT value FROM platform_settings WHERE name = \(bind: name)").first()?.decode(column: "value", as: String.self)
        }
    }

    func setSetting(_ name: String, _ value: String) async throws {
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                INSERT INTO platform_settings (name, value) VALUES (\(bind: name), \(bind: value))
                ON CONFLICT (name) DO UPDATE SET value = excluded.value
                """).run()
        }
    }

    /// The working-day calendar: weekends plus the bureau's holidays and swapped workdays.
    public func workingCalendar() async throws -> WorkingCalendar {
        try await database.read { db in try await Self.workingCalendar(db) }
    }

    static func workingCalendar(_ db: any SQLDatabase) async throws -> WorkingCalendar {
        var calendar = WorkingCalendar()
        for row in try await db.raw("SELECT day, kind FROM calendar_days").all() {
            guard let day = CalendarDate(iso: try row.decode(column: "day", as: String.self)) else { continue }
            if try row.decode(column: "kind", as: String.self) == "workday" { calendar.workdays.insert(day) } else { calendar.holidays.insert(day) }
        }
        return calendar
    }

    /// Marks `day` as a holiday or a worked weekend day (or back to normal with nil).
    public func setCalendarDay(_ day: CalendarDate, holiday: Bool?, note: String = "") async throws {
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("DELETE FROM calendar_days WHERE day = \(bind: day.description)").run()
            if let holiday {
                try await db.raw("INSERT INTO calendar_days (day, kind, note) VALUES (\(bind: day.description), \(bind: holiday ? "holiday" : "workday"), \(bind: note))").run()
            }
        }
    }

    // MARK: Requests

    /// Files a request. Unconditionally shared fields are granted at once; otherwise the
    /// provider's clock starts.
    public func createSharingRequest(_ draft: SharingRequestDraft, by actor: Principal, now: Date = Date()) async throws -> SharingRequest {
        let resource = try await resource(code: draft.resourceCode)
        let system = try await system(id: draft.systemID)
        try AccessPolicy.canRequestSharing(for: system.organizationID, actor)
        if system.organizationID == resource.draft.providerID {
            throw StoreError.invalid(ValidationFailure(field: "systemID", code: "own_resource", message: Strings["sharing.own_resource"]))
        }
        let needsApproval: Bool
        switch draft.validate(against: resource.draft, today: CalendarDate(beijing: now)) {
        case .success(let n): needsApproval = n
        case .failure(let f): throw StoreError.invalid(f)
        }
        let state = RequestFlow.start(needsApproval: needsApproval)
        let at = Clock.millis(now)
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            let calendar = try await Self.workingCalendar(db)
            let due = state.step.map { Clock.millis(RequestFlow.due($0, since: now, calendar: calendar)) }
            let row = try await db.raw("""
                INSERT INTO sharing_requests (resource_id, provider_id, organization_id, system_id, fields, mode, purpose, legal_basis,
                    valid_until, state, step_started_at, due_at, requester_id, requester_name, created_at, decided_at)
                VALUES (\(bind: resource.id), \(bind: resource.draft.providerID), \(bind: system.organizationID), \(bind: system.id),
                    \(bind: try JSONText.encode(draft.fields)), \(bind: draft.mode.rawValue), \(bind: draft.purpose), \(bind: draft.legalBasis),
                    \(bind: draft.validUntil), \(bind: state.rawValue), \(bind: at), \(bind: due), \(bind: actor.userID), \(bind: actor.displayName),
                    \(bind: at), \(bind: state == .granted ? at : nil))
                RETURNING id
                """).first()
            let id = try row.orThrow(.notFound("request")).decode(column: "id", as: Int64.self)
            try await Self.addEvent(db, id, at: at, actor: actor, action: "submit", state: state == .granted ? .pendingProvider : state, reason: nil)
            if state == .granted {
                try await Self.addEvent(db, id, at: at, actor: actor, action: "grant", state: .granted, reason: nil)
                try await Self.insertGrant(db, requestID: id, resource: resource, consumer: system, draft: draft, terms: GrantTerms(), at: at)
            }
            return id
        }
        return try await sharingRequest(id: id, now: now)
    }

    /// One request with its history.
    public func sharingRequest(id: Int64, now: Date = Date()) async throws -> SharingRequest {
        try await database.read { db in
            let row = try await db.raw("\(unsafeRaw: Self.requestSelect) WHERE q.id = \(bind: id)").first()
            return try await Self.request(db, try row.orThrow(.notFound("sharing request \(id)")), now: now, withEvents: true)
        }
    }

    /// Requests, newest first.
    public func sharingRequests(_ q: RequestQuery, now: Date = Date()) async throws -> Page<SharingRequest> {
        var c: [SQLQueryString] = []
        if let id = q.consumerID { c.append("q.organization_id = \(bind: id)") }
        if let id = q.providerID { c.append("q.provider_id = \(bind: id)") }
        if let s = q.state { c.append("q.state = \(bind: s.rawValue)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM sharing_requests q \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("\(unsafeRaw: Self.requestSelect) \(filter) ORDER BY q.id DESC LIMIT \(bind: q.page.limit) OFFSET \(bind: q.page.offset)").all()
            var items: [SharingRequest] = []
            for r in rows { items.append(try await Self.request(db, r, now: now, withEvents: false)) }
            return Page(items: items, total: total, limit: q.page.limit, offset: q.page.offset)
        }
    }

    /// What `actor` must answer: requests pending at a step they may decide, oldest due first.
    public func sharingToDo(for actor: Principal, now: Date = Date()) async throws -> [SharingRequest] {
        let bureau = try await bureauID()
        var c: [SQLQueryString] = []
        switch actor.role {
        case .admin: c.append("q.state IN ('pendingProvider', 'pendingBureau')")
        case .approver:
            guard let unit = actor.organizationID else { return [] }
            c.append("(q.state = 'pendingProvider' AND q.provider_id = \(bind: unit))")
            if unit == bureau { c.append("q.state = 'pendingBureau'") }
        case .officer, .queryUser, .auditor: return []
        }
        var filter: SQLQueryString = "WHERE (" + c[0]
        for part in c.dropFirst() { filter = filter + " OR " + part }
        filter = filter + ")"
        let condition = filter
        return try await database.read { db in
            var items: [SharingRequest] = []
            for r in try await db.raw("\(unsafeRaw: Self.requestSelect) \(condition) ORDER BY q.due_at, q.id LIMIT 500").all() {
                items.append(try await Self.request(db, r, now: now, withEvents: false))
            }
            return items
        }
    }

    /// Applies a decision to a pending request; the last approval creates the grant.
    public func decide(requestID: Int64, _ decision: RequestDecision, terms: GrantTerms = GrantTerms(), by actor: Principal, now: Date = Date()) async throws -> SharingRequest {
        let bureau = try await bureauID()
        let at = Clock.millis(now)
        try await database.transaction { (db: any SQLDatabase) in
            let row = try await db.raw("SELECT id, resource_id, provider_id, organization_id, system_id, fields, mode, purpose, legal_basis, valid_until, state FROM sharing_requests WHERE id = \(bind: requestID)").first()
            let r = try row.orThrow(.notFound("sharing request \(requestID)"))
            let state = RequestState(rawValue: try r.decode(column: "state", as: String.self)) ?? .withdrawn
            let provider = try r.decode(column: "provider_id", as: Int64.self), consumer = try r.decode(column: "organization_id", as: Int64.self)
            if case .withdraw = decision {
                try AccessPolicy.canRequestSharing(for: consumer, actor)
            } else if let step = state.step {
                try AccessPolicy.canAnswer(step, provider: provider, bureau: bureau, actor)
            }
            let next: RequestState
            do { next = try RequestFlow.next(state, decision) } catch let error as RequestFlowError {
                switch error {
                case .notPending(let s): throw StoreError.conflict(Strings.format("sharing.not_pending", localized: ["state": Strings["request.\(s.rawValue)"]]))
                case .reasonRequired: throw StoreError.invalid(ValidationFailure(field: "reason", code: "reason_required", message: Strings["sharing.reason_required"]))
                }
            }
            var reason: String?
            let action: String
            switch decision {
            case .approve: action = "approve"
            case .refuse(let why): action = "refuse"; reason = why
            case .withdraw: action = "withdraw"
            }
            let calendar = try await Self.workingCalendar(db)
            let due = next.step.map { Clock.millis(RequestFlow.due($0, since: now, calendar: calendar)) }
            let decided: Int64? = next.step == nil ? at : nil
            try await db.raw("""
                UPDATE sharing_requests SET state = \(bind: next.rawValue), step_started_at = \(bind: at), due_at = \(bind: due),
                    reason = \(bind: reason), decided_at = \(bind: decided) WHERE id = \(bind: requestID)
                """).run()
            try await Self.addEvent(db, requestID, at: at, actor: actor, action: action, state: next, reason: reason)
            if next == .granted {
                let resourceRow = try await db.raw("SELECT \(unsafeRaw: Self.resourceColumns) FROM resources WHERE id = \(bind: try r.decode(column: "resource_id", as: Int64.self))").first()
                let resource = try Self.resource(try resourceRow.orThrow(.notFound("resource")))
                let systemRow = try await db.raw("SELECT * FROM information_systems WHERE id = \(bind: try r.decode(column: "system_id", as: Int64.self))").first()
                let system = try Self.system(try systemRow.orThrow(.notFound("system")))
                let draft = SharingRequestDraft(
                    resourceCode: resource.code, systemID: system.id,
                    fields: try JSONText.decode([String].self, try r.decode(column: "fields", as: String.self)),
                    mode: SharingMode(rawValue: try r.decode(column: "mode", as: String.self)) ?? .api,
                    purpose: try r.decode(column: "purpose", as: String.self), legalBasis: try r.decode(column: "legal_basis", as: String.self),
                    validUntil: try r.decode(column: "valid_until", as: String.self))
                try await Self.insertGrant(db, requestID: requestID, resource: resource, consumer: system, draft: draft, terms: terms, at: at)
            }
        }
        gatewayCache.invalidate()
        return try await sharingRequest(id: requestID, now: now)
    }

    static func addEvent(_ db: any SQLDatabase, _ id: Int64, at: Int64, actor: Principal, action: String, state: RequestState, reason: String?) async throws {
        let seq = try await db.raw("SELECT COUNT(*) AS n FROM sharing_request_events WHERE request_id = \(bind: id)").first()?.decode(column: "n", as: Int64.self) ?? 0
        try await db.raw("""
            INSERT INTO sharing_request_events (request_id, seq, at, actor_id, actor_name, action, state, reason)
            VALUES (\(bind: id), \(bind: seq + 1), \(bind: at), \(bind: actor.userID), \(bind: actor.displayName), \(bind: action), \(bind: state.rawValue), \(bind: reason))
            """).run()
    }

    static let requestSelect = """
        SELECT q.*, r.code AS resource_code, r.name AS resource_name, p.short_name AS provider_name, o.short_name AS organization_name,
            s.name AS system_name, (SELECT MAX(g.id) FROM grants g WHERE g.request_id = q.id) AS grant_id
        FROM sharing_requests q JOIN resources r ON r.id = q.resource_id JOIN organizations p ON p.id = q.provider_id
        JOIN organizations o ON o.id = q.organization_id JOIN information_systems s ON s.id = q.system_id
        """

    static func request(_ db: any SQLDatabase, _ row: any SQLRow, now: Date, withEvents: Bool) async throws -> SharingRequest {
        let id = try row.decode(column: "id", as: Int64.self)
        var events: [RequestEvent] = []
        if withEvents {
            for e in try await db.raw("SELECT at, actor_name, action, state, reason FROM sharing_request_events WHERE request_id = \(bind: id) ORDER BY seq").all() {
                events.append(RequestEvent(
                    at: Clock.date(try e.decode(column: "at", as: Int64.self)), actorName: try e.decode(column: "actor_name", as: String.self),
                    action: try e.decode(column: "action", as: String.self),
                    state: RequestState(rawValue: try e.decode(column: "state", as: String.self)) ?? .withdrawn,
                    reason: try e.optional("reason", as: String.self)))
            }
        }
        return SharingRequest(
            id: id, resourceCode: try row.decode(column: "resource_code", as: String.self), resourceName: try row.decode(column: "resource_name", as: String.self),
            providerID: try row.decode(column: "provider_id", as: Int64.self), providerName: try row.decode(column: "provider_name", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: Int64.self), organizationName: try row.decode(column: "organization_name", as: String.self),
            systemID: try row.decode(column: "system_id", as: Int64.self), systemName: try row.decode(column: "system_name", as: String.self),
            fields: try JSONText.decode([String].self, try row.decode(column: "fields", as: String.self)),
            mode: SharingMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .api,
            purpose: try row.decode(column: "purpose", as: String.self), legalBasis: try row.decode(column: "legal_basis", as: String.self),
            validUntil: try row.decode(column: "valid_until", as: String.self),
            state: RequestState(rawValue: try row.decode(column: "state", as: String.self)) ?? .withdrawn,
            dueAt: try row.optional("due_at", as: Int64.self).map(Clock.date), now: now,
            reason: try row.optional("reason", as: String.self), requesterName: try row.decode(column: "requester_name", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            decidedAt: try row.optional("decided_at", as: Int64.self).map(Clock.date),
            grantID: try row.optional("grant_id", as: Int64.self), events: events)
    }
}
