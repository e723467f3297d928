import Foundation
import ShuhuiCore
import SQLKit

/// A step in a bulletin's history.
public struct BulletinEvent: Sendable, Codable, Equatable {
    public var at: Date
    public var actorName: String
    public var action: BulletinAction
    public var state: BulletinState
}

/// A bulletin's record: period, state, section 一 and who did what when.
public struct BulletinRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: ReportKind
    public var start: String
    public var end: String
    public var state: BulletinState
    /// Section 一, one paragraph per line.
    public var work: String
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
    public var checkedAt: Date?
    public var checkedBy: String?
    public var issuedAt: Date?
    public var issuedBy: String?
    public var events: [BulletinEvent]

    /// The period covered.
    public var period: ReportPeriod? { CalendarDate(iso: end).flatMap { ReportPeriod.ending($0, kind: kind) } }
}

/// A bulletin with its figures and document in one language.
public struct BulletinView: Sendable, Codable, Equatable {
    public var bulletin: BulletinRecord
    public var figures: BulletinFigures
    public var document: BulletinDocument
}

/// What an issued bulletin keeps: its figures and its documents in both languages, with the
/// rendered HTML, so it stays byte-identical whatever happens to the data later.
struct FrozenBulletin: Codable {
    var figures: BulletinFigures
    var documents: [String: BulletinDocument]
    var html: [String: String]
}

extension Store {
    /// Past and current bulletins, newest period first.
    public func bulletins(kind: ReportKind? = nil, issuedOnly: Bool = false, page: PageRequest = .init()) async throws -> Page<BulletinRecord> {
        var c: [SQLQueryString] = []
        if let kind { c.append("kind = \(bind: kind.rawValue)") }
        if issuedOnly { c.append("state = 'issued'") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM bulletins \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("SELECT * FROM bulletins \(filter) ORDER BY period_end DESC, kind LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)").all()
            var items: [BulletinRecord] = []
            for r in rows { items.append(try await Self.bulletinRecord(r, db)) }
            return Page(items: items, total: total, limit: page.limit, offset: page.offset)
        }
    }

    /// One bulletin's record.
    public func bulletin(id: Int64) async throws -> BulletinRecord {
        try await database.read { db in
            guard let r = try await db.raw("SELECT * FROM bulletins WHERE id = \(bind: id)").first() else { throw StoreError.notFound("bulletin \(id)") }
            return try await Self.bulletinRecord(r, db)
        }
    }

    /// The bulletin of `kind` ending on `end`, if one exists.
    public func bulletin(kind: ReportKind, end: CalendarDate) async throws -> BulletinRecord? {
        let id = try await database.read { db in
            try await db.raw("SELECT id FROM bulletins WHERE kind = \(bind: kind.rawValue) AND period_end = \(bind: end.description)").first()?.decode(column: "id", as: Int64.self)
        }
        guard let id else { return nil }
        return try await bulletin(id: id)
    }

    /// A bulletin with its figures and document: live figures for a draft, the checked
    /// snapshot for a checked one, the frozen content of an issued one.
    public func bulletinView(id: Int64, language: Language) async throws -> BulletinView {
        let record = try await bulletin(id: id)
        if record.state == .issued, let frozen = try await frozen(id: id), let doc = frozen.documents[language.rawValue] {
            return BulletinView(bulletin: record, figures: frozen.figures, document: doc)
        }
        guard let period = record.period else { throw StoreError.notFound("bulletin \(id)") }
        let figures = record.state == .checked ? try await storedFigures(id: id) : try await bulletinFigures(period)
        return BulletinView(bulletin: record, figures: figures, document: try await compose(figures, work: record.work, period: period, language: language))
    }

    /// The standalone HTML of a bulletin; for an issued one, the bytes stored when it was issued.
    public func bulletinHTML(id: Int64, language: Language) async throws -> String {
        if let frozen = try await frozen(id: id), let html = frozen.html[language.rawValue] { return html }
        return BulletinHTML.document(try await bulletinView(id: id, language: language).document)
    }

    /// A document for any period from the current figures, without storing anything (the
    /// dashboard and `shuhui report` for a period with no bulletin).
    public func previewBulletin(_ period: ReportPeriod, work: String = "", language: Language) async throws -> BulletinView {
        let figures = try await bulletinFigures(period)
        let doc = try await compose(figures, work: work, period: period, language: language)
        let now = Date()
        let record = BulletinRecord(id: 0, kind: period.kind, start: period.start.description, end: period.end.description, state: .draft, work: work,
                                    createdAt: now, createdBy: "", updatedAt: now, updatedBy: "", events: [])
        return BulletinView(bulletin: record, figures: figures, document: doc)
    }

    func compose(_ figures: BulletinFigures, work: String, period: ReportPeriod, language: Language) async throws -> BulletinDocument {
        BulletinComposer.compose(figures, work: work, oneWindow: try await oneWindowSection(for: period, language: language),
                                 settings: try await bulletinSettings(language), language: language)
    }

    // MARK: - Workflow

    /// Generates the draft of `period` (the Friday scheduler, or an administrator), or
    /// regenerates an existing draft or checked bulletin from the current figures. Issued
    /// bulletins are never regenerated.
    ///
    /// - Parameter actor: who generated it (`nil` principal: the scheduler).
    @discardableResult
    public func generateBulletin(_ period: ReportPeriod, by p: Principal?, actorName: String? = nil) async throws -> BulletinRecord {
        if let p { try AccessPolicy.canManageBulletins(p) }
        let name = p?.displayName ?? actorName ?? "scheduler"
        let figures = try JSONText.encode(try await bulletinFigures(period))
        let now = Clock.millis()
        let id: Int64 = try await database.transaction { db in
            if let r = try await db.raw("SELECT id, state FROM bulletins WHERE kind = \(bind: period.kind.rawValue) AND period_end = \(bind: period.end.description)").first() {
                let id = try r.decode(column: "id", as: Int64.self)
                let state = try Self.transition(.generated, from: try r.decode(column: "state", as: String.self))
                try await db.raw("""
                    UPDATE bulletins SET state = \(bind: state.rawValue), figures = \(bind: figures), updated_at = \(bind: now), updated_by = \(bind: name),
                        checked_at = NULL, checked_by = NULL WHERE id = \(bind: id)
                    """).run()
                try await Self.event(db, id, now, name, .generated, state)
                return id
            }
            let row = try await db.raw("""
                INSERT INTO bulletins (kind, period_start, period_end, state, work_text, figures, created_at, created_by, updated_at, updated_by)
                VALUES (\(bind: period.kind.rawValue), \(bind: period.start.description), \(bind: period.end.description), 'draft', '', \(bind: figures),
                        \(bind: now), \(bind: name), \(bind: now), \(bind: name)) RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw StoreError.notFound("bulletin") }
            try await Self.event(db, id, now, name, .generated, .draft)
            return id
        }
        return try await bulletin(id: id)
    }

    /// Replaces section 一; a checked bulletin goes back to draft.
    public func editBulletin(id: Int64, work: String, by p: Principal) async throws -> BulletinRecord {
        try AccessPolicy.canManageBulletins(p)
        guard work.count <= 20_000 else {
            throw StoreError.invalid(ValidationFailure(field: "work", code: "too_long", message: Strings.format("bulletin.err.tooLong", ["max": "20000"])))
        }
        guard !BulletinText.hasControlCharacters(work) else {
            throw StoreError.invalid(ValidationFailure(field: "work", code: "control_characters", message: Strings["bulletin.err.control"]))
        }
        let now = Clock.millis()
        try await database.transaction { db in
            let state = try await Self.lockedState(db, id)
            let next = try Self.transition(.edited, from: state)
            try await db.raw("""
                UPDATE bulletins SET work_text = \(bind: work), state = \(bind: next.rawValue), updated_at = \(bind: now), updated_by = \(bind: p.displayName),
                    checked_at = NULL, checked_by = NULL WHERE id = \(bind: id)
                """).run()
            try await Self.event(db, id, now, p.displayName, .edited, next)
        }
        return try await bulletin(id: id)
    }

    /// Marks a draft checked, keeping the figures as they are now: what was checked is what
    /// will be issued.
    public func checkBulletin(id: Int64, by p: Principal) async throws -> BulletinRecord {
        try AccessPolicy.canManageBulletins(p)
        let record = try await bulletin(id: id)
        _ = try Self.transition(.checked, from: record.state.rawValue)
        guard let period = record.period else { throw StoreError.notFound("bulletin \(id)") }
        let figures = try JSONText.encode(try await bulletinFigures(period))
        let now = Clock.millis()
        try await database.transaction { db in
            let state = try await Self.lockedState(db, id)
            let next = try Self.transition(.checked, from: state)
            try await db.raw("""
                UPDATE bulletins SET state = \(bind: next.rawValue), figures = \(bind: figures), checked_at = \(bind: now), checked_by = \(bind: p.displayName),
                    updated_at = \(bind: now), updated_by = \(bind: p.displayName) WHERE id = \(bind: id)
                """).run()
            try await Self.event(db, id, now, p.displayName, .checked, next)
        }
        return try await bulletin(id: id)
    }

    /// Issues a checked bulletin: its figures, documents (both languages) and HTML are stored
    /// and never change again.
    public func issueBulletin(id: Int64, by p: Principal) async throws -> BulletinRecord {
        try AccessPolicy.canManageBulletins(p)
        let record = try await bulletin(id: id)
        _ = try Self.transition(.issued, from: record.state.rawValue)
        guard let period = record.period else { throw StoreError.notFound("bulletin \(id)") }
        let figures = try await storedFigures(id: id)
        var documents: [String: BulletinDocument] = [:], html: [String: String] = [:]
        for language in Language.allCases {
            let doc = try await compose(figures, work: record.work, period: period, language: language)
            documents[language.rawValue] = doc
            html[language.rawValue] = BulletinHTML.document(doc)
        }
        let frozen = try JSONText.encode(FrozenBulletin(figures: figures, documents: documents, html: html))
        let now = Clock.millis()
        try await database.transaction { db in
            let state = try await Self.lockedState(db, id)
            let next = try Self.transition(.issued, from: state)
            try await db.raw("""
                UPDATE bulletins SET state = \(bind: next.rawValue), frozen = \(bind: frozen), issued_at = \(bind: now), issued_by = \(bind: p.displayName),
                    updated_at = \(bind: now), updated_by = \(bind: p.displayName) WHERE id = \(bind: id) AND updated_at = \(bind: Clock.millis(record.updatedAt))
                """).run()
            // An edit between reading and issuing would have moved updated_at: refuse rather than issue unchecked text.
            guard try await db.raw("SELECT state FROM bulletins WHERE id = \(bind: id)").first()?.decode(column: "state", as: String.self) == next.rawValue else {
                throw StoreError.conflict(Strings.format("bulletin.err.state", localized: ["state": Strings["bulletin.state.draft"], "action": Strings["bulletin.action.issued"]]))
            }
            try await Self.event(db, id, now, p.displayName, .issued, next)
        }
        return try await bulletin(id: id)
    }

    // MARK: - Plumbing

    func frozen(id: Int64) async throws -> FrozenBulletin? {
        let text = try await database.read { db in
            try await db.raw("SELECT frozen FROM bulletins WHERE id = \(bind: id)").first()?.optional("frozen", as: String.self)
        }
        return try text.map { try JSONText.decode(FrozenBulletin.self, $0) }
    }

    func storedFigures(id: Int64) async throws -> BulletinFigures {
        let text = try await database.read { db in
            try await db.raw("SELECT figures FROM bulletins WHERE id = \(bind: id)").first()?.decode(column: "figures", as: String.self)
        }
        guard let text else { throw StoreError.notFound("bulletin \(id)") }
        return try JSONText.decode(BulletinFigures.self, text)
    }

    static func lockedState(_ db: any SQLDatabase, _ id: Int64) async throws -> String {
        guard let state = try await db.raw("SELECT state FROM bulletins WHERE id = \(bind: id)").first()?.decode(column: "state", as: String.self) else {
            throw StoreError.notFound("bulletin \(id)")
        }
        return state
    }

    static func transition(_ action: BulletinAction, from state: String) throws -> BulletinState {
        let current = BulletinState(rawValue: state) ?? .draft
        do {
            return try BulletinWorkflow.apply(action, to: current)
        } catch {
            throw StoreError.conflict(Strings.format("bulletin.err.state", localized: [
                "state": Strings["bulletin.state.\(current.rawValue)"], "action": Strings["bulletin.action.\(action.rawValue)"]]))
        }
    }

    static func event(_ db: any SQLDatabase, _ id: Int64, _ at: Int64, _ actor: String, _ action: BulletinAction, _ state: BulletinState) async throws {
        let seq = try await db.raw("SELECT COALESCE(MAX(seq), 0) AS n FROM bulletin_events WHERE bulletin_id = \(bind: id)").first()?.decode(column: "n", as: Int64.self) ?? 0
        try await db.raw("""
            INSERT INTO bulletin_events (bulletin_id, seq, at, actor_name, action, state)
            VALUES (\(bind: id), \(bind: seq + 1), \(bind: at), \(bind: actor), \(bind: action.rawValue), \(bind: state.rawValue))
            """).run()
    }

    static func bulletinRecord(_ r: any SQLRow, _ db: any SQLDatabase) async throws -> BulletinRecord {
        let id = try r.decode(column: "id", as: Int64.self)
        let events = try await db.raw("SELECT * FROM bulletin_events WHERE bulletin_id = \(bind: id) ORDER BY seq").all().map { e in
            BulletinEvent(at: Clock.date(try e.decode(column: "at", as: Int64.self)), actorName: try e.decode(column: "actor_name", as: String.self),
                          action: BulletinAction(rawValue: try e.decode(column: "action", as: String.self)) ?? .edited,
                          state: BulletinState(rawValue: try e.decode(column: "state", as: String.self)) ?? .draft)
        }
        return BulletinRecord(
            id: id, kind: ReportKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .weekly,
            start: try r.decode(column: "period_start", as: String.self), end: try r.decode(column: "period_end", as: String.self),
            state: BulletinState(rawValue: try r.decode(column: "state", as: String.self)) ?? .draft, work: try r.decode(column: "work_text", as: String.self),
            createdAt: Clock.date(try r.decode(column: "created_at", as: Int64.self)), createdBy: try r.decode(column: "created_by", as: String.self),
            updatedAt: Clock.date(try r.decode(column: "updated_at", as: Int64.self)), updatedBy: try r.decode(column: "updated_by", as: String.self),
            checkedAt: try r.optional("checked_at", as: Int64.self).map(Clock.date), checkedBy: try r.optional("checked_by", as: String.self),
            issuedAt: try r.optional("issued_at", as: Int64.self).map(Clock.date), issuedBy: try r.optional("issued_by", as: String.self),
            events: events)
    }
}
