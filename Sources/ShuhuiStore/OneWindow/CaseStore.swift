import Foundation
import ShuhuiCore
import SQLKit

/// A case as entered at a window (cases from joined systems come through the gateway as a
/// ``SystemCaseDraft``).
public struct CaseDraft: Sendable, Codable, Equatable {
    /// 实施编码 of the matter applied for.
    public var matterCode: String
    /// 申请人 (a person's or a company's name).
    public var applicant: String

    /// Creates a draft.
    public init(matterCode: String, applicant: String) {
        self.matterCode = matterCode
        self.applicant = applicant
    }
}

/// A case sent by a joined system through the gateway, authenticated by the system's app key.
public struct SystemCaseDraft: Sendable, Codable, Equatable {
    /// 实施编码 of the matter applied for.
    public var matterCode: String
    /// 申请人.
    public var applicant: String
    /// The system's own case number (办件编号), unique per system.
    public var externalCode: String

    /// Creates a draft.
    public init(matterCode: String, applicant: String, externalCode: String) {
        self.matterCode = matterCode
        self.applicant = applicant
        self.externalCode = externalCode
    }
}

/// Who a case event is recorded against: a user, or a system sending through the gateway.
struct CaseActor {
    /// The user's id (0 for a system).
    var id: Int64
    /// The name shown in the history.
    var name: String

    init(_ p: Principal) {
        id = p.userID
        name = p.displayName
    }

    init(systemName: String) {
        id = 0
        name = systemName
    }
}

/// One step in a case's history.
public struct CaseEvent: Sendable, Codable, Equatable {
    /// When.
    public var at: Date
    /// The Beijing day it counts on.
    public var day: String
    /// Who.
    public var actorName: String
    /// `submit` or a ``CaseAction``.
    public var action: String
    /// The state after it.
    public var state: CaseState
    /// The reason given, if any.
    public var reason: String?
}

/// A case (办件) with its clock and history.
public struct CaseRecord: Sendable, Codable, Equatable {
    /// Row id.
    public var id: Int64
    /// The matter.
    public var matterCode: String
    /// The matter's name.
    public var matterName: String
    /// The matter's unit.
    public var organizationID: Int64
    /// The unit's short name.
    public var organizationName: String
    /// The bundle application it belongs to, if any.
    public var applicationID: Int64?
    /// `window`, `system` or `bundle`.
    public var channel: String
    /// The sending system.
    public var systemID: Int64?
    /// The sending system's case number.
    public var externalCode: String?
    /// 申请人.
    public var applicant: String
    /// Where it stands.
    public var state: CaseState
    /// Received.
    public var receivedAt: Date
    /// 受理 day.
    public var acceptedOn: String?
    /// 办结 day.
    public var completedOn: String?
    /// The promised-time clock, from acceptance.
    public var clock: CaseClock?
    /// The last day to finish on (nil while paused or when nothing is promised).
    public var dueOn: String?
    /// Working days left (negative: late).
    public var remainingDays: Int?
    /// 超期.
    public var overdue: Bool
    /// Waiting for correction: clock stopped.
    public var paused: Bool
    /// The last reason given (refusal, correction, denial, termination).
    public var reason: String?
    /// What can be done next.
    public var allowedActions: [CaseAction]
    /// History, oldest first (empty in lists).
    public var events: [CaseEvent]
}

/// Filters for listing cases.
public struct CaseQuery: Sendable {
    /// Cases of this matter.
    public var matterCode: String?
    /// Cases of this unit's matters.
    public var organizationID: Int64?
    /// In this state.
    public var state: CaseState?
    /// Page.
    public var page: PageRequest

    /// Creates a query.
    public init(matterCode: String? = nil, organizationID: Int64? = nil, state: CaseState? = nil, page: PageRequest = .init()) {
        self.matterCode = matterCode
        self.organizationID = organizationID
        self.state = state
        self.page = page
    }
}

extension Store {
    static let caseSelect = """
        SELECT c.*, m.code AS matter_code, m.name AS matter_name, o.short_name AS organization_name
        FROM cases c JOIN matters m ON m.id = c.matter_id JOIN organizations o ON o.id = c.organization_id
        """

    /// Receives a case at a window: the bureau or the matter's unit's staff, for a matter in
    /// force today.
    public func createCase(_ draft: CaseDraft, by actor: Principal, now: Date = Date()) async throws -> CaseRecord {
        let matter = try await matter(code: draft.matterCode)
        try AccessPolicy.canHandleCase(ofUnit: matter.draft.organizationID, actor)
        try Self.requireInForce(matter, on: CalendarDate(beijing: now))
        let applicant = try Self.applicant(draft.applicant)
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            try await Self.insertCase(db, matterID: matter.id, organizationID: matter.draft.organizationID, applicationID: nil, channel: "window",
                                      systemID: nil, externalCode: nil, applicant: applicant, actor: CaseActor(actor), now: now)
        }
        return try await caseRecord(id: id, now: now)
    }

    /// Receives a case sent by system `systemID` through the gateway (its app key already
    /// verified): only for a matter handled in that system, once both have joined the
    /// one-window platform (``AccessPolicy/canSubmitCase(from:for:systemJoin:today:)``), for a
    /// matter in force, under a case number the system has not sent before.
    public func receiveSystemCase(_ draft: SystemCaseDraft, systemID: Int64, now: Date = Date()) async throws -> CaseRecord {
        let today = CalendarDate(beijing: now)
        let matter = try await matter(code: draft.matterCode)
        let join = try await systemJoins(organizationID: matter.draft.organizationID).first { $0.systemID == systemID }
        try AccessPolicy.canSubmitCase(from: systemID, for: matter, systemJoin: join?.join, today: today)
        try Self.requireInForce(matter, on: today)
        let applicant = try Self.applicant(draft.applicant)
        guard MatterDraft.isCode(draft.externalCode) else {
            throw StoreError.invalid(ValidationFailure(field: "externalCode", code: "bad_code", message: Strings.format("ow.bad_code", ["value": draft.externalCode])))
        }
        let actor = CaseActor(systemName: join?.systemName ?? matter.systemDisplayName)
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            if try await db.raw("SELECT id FROM cases WHERE system_id = \(bind: systemID) AND external_code = \(bind: draft.externalCode)").first() != nil {
                throw StoreError.duplicate(field: "externalCode", value: draft.externalCode)
            }
            return try await Self.insertCase(db, matterID: matter.id, organizationID: matter.draft.organizationID, applicationID: nil, channel: "system",
                                             systemID: systemID, externalCode: draft.externalCode, applicant: applicant, actor: actor, now: now)
        }
        return try await caseRecord(id: id, now: now)
    }

    /// The applicant's name, trimmed; refused when empty or over 200 characters.
    static func applicant(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 {
            throw StoreError.invalid(ValidationFailure(field: "applicant", code: "required", message: Strings["ow.applicant_required"]))
        }
        return name
    }

    static func insertCase(_ db: any SQLDatabase, matterID: Int64, organizationID: Int64, applicationID: Int64?, channel: String, systemID: Int64?,
                           externalCode: String?, applicant: String, actor: CaseActor, now: Date) async throws -> Int64 {
        let at = Clock.millis(now), day = CalendarDate(beijing: now).description
        let row = try await db.raw("""
            INSERT INTO cases (matter_id, organization_id, application_id, system_id, external_code, channel, applicant, state, received_at, received_day)
            VALUES (\(bind: matterID), \(bind: organizationID), \(bind: applicationID), \(bind: systemID), \(bind: externalCode), \(bind: channel),
                \(bind: applicant), \(bind: CaseFlow.initial.rawValue), \(bind: at), \(bind: day))
            RETURNING id
            """).first()
        let id = try row.orThrow(.notFound("case")).decode(column: "id", as: Int64.self)
        try await addCaseEvent(db, id, at: at, day: day, actor: actor, action: "submit", state: CaseFlow.initial, reason: nil)
        return id
    }

    /// Takes a case one step (受理, 补正, 办结 …). Acceptance starts the promised-time clock on
    /// the bureau's working-day calendar; correction stops it until the materials come back;
    /// any end stops it for good.
    public func act(caseID: Int64, _ action: CaseAction, reason: String? = nil, by actor: Principal, now: Date = Date()) async throws -> CaseRecord {
        let today = CalendarDate(beijing: now), at = Clock.millis(now)
        try await database.transaction { (db: any SQLDatabase) in
            let row = try await db.raw("""
                SELECT c.organization_id, c.state, c.clock, m.document FROM cases c JOIN matters m ON m.id = c.matter_id WHERE c.id = \(bind: caseID)
                """).first()
            let r = try row.orThrow(.notFound("case \(caseID)"))
            try AccessPolicy.canHandleCase(ofUnit: try r.decode(column: "organization_id", as: Int64.self), actor)
            let state = CaseState(rawValue: try r.decode(column: "state", as: String.self)) ?? .terminated
            let next: CaseState
            do throws(CaseFlowError) { next = try CaseFlow.next(state, action, reason: reason) } catch {
                switch error {
                case .notAllowed:
                    throw StoreError.conflict(Strings.format("ow.case_not_allowed", localized: ["state": Strings["case.\(state.rawValue)"], "action": Strings["case.action.\(action.rawValue)"]]))
                case .reasonRequired:
                    throw StoreError.invalid(ValidationFailure(field: "reason", code: "reason_required", message: Strings.format("ow.reason_required", localized: ["action": Strings["case.action.\(action.rawValue)"]])))
                }
            }
            let matter = try JSONText.decode(MatterDraft.self, try r.decode(column: "document", as: String.self))
            var clock = try r.optional("clock", as: String.self).map { try JSONText.decode(CaseClock.self, $0) }
            switch action {
            case .accept: clock = CaseClock(acceptedOn: today, promisedDays: matter.promisedDays ?? 0)
            case .requestCorrection: clock?.pause(on: today)
            case .resubmit: clock?.resume(on: today)
            default: break
            }
            if next.isFinal {
                clock?.resume(on: today)
                clock?.endedOn = today
            }
            let calendar = try await Self.workingCalendar(db)
            let due = clock?.due(calendar: calendar)?.description
            let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            let keptReason = (trimmed?.isEmpty ?? true) ? nil : trimmed
            try await db.raw("""
                UPDATE cases SET state = \(bind: next.rawValue), clock = \(bind: try clock.map { try JSONText.encode($0) }), due_day = \(bind: due),
                    accepted_day = COALESCE(accepted_day, \(bind: action == .accept ? today.description : nil)),
                    completed_day = \(bind: next.isCompleted ? today.description : nil),
                    reason = COALESCE(\(bind: keptReason), reason)
                WHERE id = \(bind: caseID)
                """).run()
            try await Self.addCaseEvent(db, caseID, at: at, day: today.description, actor: CaseActor(actor), action: action.rawValue, state: next, reason: keptReason)
        }
        return try await caseRecord(id: caseID, now: now)
    }

    static func addCaseEvent(_ db: any SQLDatabase, _ id: Int64, at: Int64, day: String, actor: CaseActor, action: String, state: CaseState, reason: String?) async throws {
        let seq = try await db.raw("SELECT COUNT(*) AS n FROM case_events WHERE case_id = \(bind: id)").first()?.decode(column: "n", as: Int64.self) ?? 0
        try await db.raw("""
            INSERT INTO case_events (case_id, seq, at, day, actor_id, actor_name, action, state, reason)
            VALUES (\(bind: id), \(bind: seq + 1), \(bind: at), \(bind: day), \(bind: actor.id), \(bind: actor.name), \(bind: action), \(bind: state.rawValue), \(bind: reason))
            """).run()
    }

    /// One case with its history.
    public func caseRecord(id: Int64, now: Date = Date()) async throws -> CaseRecord {
        try await database.read { db in
            let calendar = try await Self.workingCalendar(db)
            let row = try await db.raw("\(unsafeRaw: Self.caseSelect) WHERE c.id = \(bind: id)").first()
            var record = try Self.caseRecord(try row.orThrow(.notFound("case \(id)")), calendar: calendar, today: CalendarDate(beijing: now))
            for e in try await db.raw("SELECT at, day, actor_name, action, state, reason FROM case_events WHERE case_id = \(bind: id) ORDER BY seq").all() {
                record.events.append(CaseEvent(
                    at: Clock.date(try e.decode(column: "at", as: Int64.self)), day: try e.decode(column: "day", as: String.self),
                    actorName: try e.decode(column: "actor_name", as: String.self), action: try e.decode(column: "action", as: String.self),
                    state: CaseState(rawValue: try e.decode(column: "state", as: String.self)) ?? .terminated, reason: try e.optional("reason", as: String.self)))
            }
            return record
        }
    }

    /// Cases, newest first.
    public func cases(_ q: CaseQuery, now: Date = Date()) async throws -> Page<CaseRecord> {
        var c: [SQLQueryString] = []
        if let code = q.matterCode { c.append("m.code = \(bind: code)") }
        if let id = q.organizationID { c.append("c.organization_id = \(bind: id)") }
        if let s = q.state { c.append("c.state = \(bind: s.rawValue)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            let calendar = try await Self.workingCalendar(db)
            let total = try await db.raw("SELECT COUNT(*) AS n FROM cases c JOIN matters m ON m.id = c.matter_id \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("\(unsafeRaw: Self.caseSelect) \(filter) ORDER BY c.id DESC LIMIT \(bind: q.page.limit) OFFSET \(bind: q.page.offset)").all()
            let today = CalendarDate(beijing: now)
            return Page(items: try rows.map { try Self.caseRecord($0, calendar: calendar, today: today) }, total: total, limit: q.page.limit, offset: q.page.offset)
        }
    }

    static func caseRecord(_ row: any SQLRow, calendar: WorkingCalendar, today: CalendarDate) throws -> CaseRecord {
        let state = CaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .terminated
        let clock = try row.optional("clock", as: String.self).map { try JSONText.decode(CaseClock.self, $0) }
        return CaseRecord(
            id: try row.decode(column: "id", as: Int64.self), matterCode: try row.decode(column: "matter_code", as: String.self),
            matterName: try row.decode(column: "matter_name", as: String.self), organizationID: try row.decode(column: "organization_id", as: Int64.self),
            organizationName: try row.decode(column: "organization_name", as: String.self), applicationID: try row.optional("application_id", as: Int64.self),
            channel: try row.decode(column: "channel", as: String.self), systemID: try row.optional("system_id", as: Int64.self),
            externalCode: try row.optional("external_code", as: String.self), applicant: try row.decode(column: "applicant", as: String.self),
            state: state, receivedAt: Clock.date(try row.decode(column: "received_at", as: Int64.self)),
            acceptedOn: try row.optional("accepted_day", as: String.self), completedOn: try row.optional("completed_day", as: String.self),
            clock: clock, dueOn: clock?.due(calendar: calendar)?.description, remainingDays: clock?.remaining(at: today, calendar: calendar),
            overdue: clock?.isOverdue(at: today, calendar: calendar) ?? false, paused: clock?.isPaused ?? false,
            reason: try row.optional("reason", as: String.self), allowedActions: CaseFlow.allowed(in: state), events: [])
    }
}
