import Foundation
import ShuhuiCore
import SQLKit

extension Store {
    static func service(_ row: any SQLRow) throws -> DataService {
        DataService(
            id: try row.decode(column: "id", as: Int64.self),
            draft: try JSONText.decode(DataServiceDraft.self, try row.decode(column: "document", as: String.self)),
            organizationID: try row.decode(column: "organization_id", as: Int64.self),
            resourceID: try row.decode(column: "resource_id", as: Int64.self),
            state: ServiceState(rawValue: try row.decode(column: "state", as: String.self)) ?? .retired,
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            publishedAt: try row.optional("published_at", as: Int64.self).map(Clock.date),
            retiredAt: try row.optional("retired_at", as: Int64.self).map(Clock.date))
    }

    /// One data service by code.
    public func service(code: String) async throws -> DataService {
        let row = try await database.read { db in try await db.raw("SELECT * FROM data_services WHERE code = \(bind: code)").first() }
        return try Self.service(try row.orThrow(.notFound("service \(code)")))
    }

    /// Data services, optionally of one provider, one resource or in one state, by code.
    public func services(providerID: Int64? = nil, resourceID: Int64? = nil, state: ServiceState? = nil) async throws -> [DataService] {
        var c: [SQLQueryString] = []
        if let id = providerID { c.append("organization_id = \(bind: id)") }
        if let id = resourceID { c.append("resource_id = \(bind: id)") }
        if let s = state { c.append("state = \(bind: s.rawValue)") }
        let filter = SQLQueryString.conjunction(c)
        return try await database.read { db in
            try await db.raw("SELECT * FROM data_services \(filter) ORDER BY code").all().map(Self.service)
        }
    }

    /// The published services a system may call: those over resources it holds an active API grant on.
    public func callableServices(systemID: Int64, now: Date = Date()) async throws -> [DataService] {
        let today = CalendarDate(beijing: now)
        return try await database.read { db in
            let grants = try await db.raw("\(unsafeRaw: Self.grantSelect) WHERE g.system_id = \(bind: systemID) AND g.mode = 'api'").all().map(Self.grant)
            let resources = Set(grants.filter { $0.status(on: today) == .active }.map(\.resourceID)).sorted()
            guard !resources.isEmpty else { return [] }
            // Only the services over the granted resources are read, not every published one.
            return try await db.raw("""
                SELECT * FROM data_services WHERE state = 'published' AND resource_id IN (\(binds: resources.map { $0 as any Encodable & Sendable })) ORDER BY code
                """).all().map(Self.service)
        }
    }

    /// Drafts a service over one of the provider's resources.
    public func createService(_ draft: DataServiceDraft, by actor: Principal, now: Date = Date()) async throws -> DataService {
        let resource = try await resource(code: draft.resourceCode)
        try AccessPolicy.canEdit(ownedBy: resource.draft.providerID, actor)
        var edited = draft
        edited.resourceCode = resource.code
        let draft = edited
        let issues = draft.issues(against: resource.draft)
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        let id: Int64 = try await database.transaction { (db: any SQLDatabase) in
            if try await db.raw("SELECT 1 AS one FROM data_services WHERE code = \(bind: draft.code)").first() != nil {
                throw StoreError.duplicate(field: "code", value: draft.code)
            }
            let row = try await db.raw("""
                INSERT INTO data_services (code, resource_id, organization_id, name, state, document, created_at)
                VALUES (\(bind: draft.code), \(bind: resource.id), \(bind: resource.draft.providerID), \(bind: draft.name), 'draft',
                    \(bind: try JSONText.encode(draft)), \(bind: Clock.millis(now)))
                RETURNING id
                """).first()
            return try row.orThrow(.notFound("service")).decode(column: "id", as: Int64.self)
        }
        _ = id
        return try await service(code: draft.code)
    }

    /// Changes a draft service (a published one is retired and replaced instead, so callers
    /// never see a service change under them).
    public func updateService(code: String, _ draft: DataServiceDraft, by actor: Principal) async throws -> DataService {
        let current = try await service(code: code)
        try AccessPolicy.canEdit(ownedBy: current.organizationID, actor)
        guard current.state == .draft else {
            throw StoreError.conflict(Strings.format("service.bad_transition", localized: ["state": Strings["service.\(current.state.rawValue)"], "action": Localized(zh: "修改", en: "changed")]))
        }
        let resource = try await resource(code: draft.resourceCode)
        var edited = draft
        edited.code = code
        edited.resourceCode = resource.code
        let draft = edited
        guard resource.id == current.resourceID else {
            throw StoreError.invalid(ValidationFailure(field: "resourceCode", code: "resource_change", message: Strings["service.resource_change"]))
        }
        let issues = draft.issues(against: resource.draft)
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("UPDATE data_services SET name = \(bind: draft.name), document = \(bind: try JSONText.encode(draft)) WHERE id = \(bind: current.id)").run()
        }
        gatewayCache.invalidate()
        return try await service(code: code)
    }

    /// Publishes a draft (indexing the columns it is queried by) or retires a published service.
    public func setServiceState(code: String, _ state: ServiceState, by actor: Principal, now: Date = Date()) async throws -> DataService {
        let current = try await service(code: code)
        try AccessPolicy.canEdit(ownedBy: current.organizationID, actor)
        let allowed = (current.state == .draft && state == .published) || (current.state == .published && state == .retired)
        guard allowed else {
            let action = state == .published ? Localized(zh: "发布", en: "published") : Localized(zh: "下线", en: "retired")
            throw StoreError.conflict(Strings.format("service.bad_transition", localized: ["state": Strings["service.\(current.state.rawValue)"], "action": action]))
        }
        let resource = try await resource(code: current.draft.resourceCode)
        let dialect = database.dialect
        try await database.transaction { (db: any SQLDatabase) in
            if state == .published {
                try await DataTable.ensure(db, resource, dialect)
                let table = DataTable.name(resource.id)
                for p in current.draft.parameters {
                    try await db.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: table)_p_\(unsafeRaw: p.field) ON \(unsafeRaw: table)(\(unsafeRaw: DataTable.column(p.field)))").run()
                }
            }
            let stamp: SQLQueryString = state == .published ? "published_at = \(bind: Clock.millis(now))" : "retired_at = \(bind: Clock.millis(now))"
            try await db.raw("UPDATE data_services SET state = \(bind: state.rawValue), \(stamp) WHERE id = \(bind: current.id)").run()
        }
        gatewayCache.invalidate()
        return try await service(code: code)
    }
}
