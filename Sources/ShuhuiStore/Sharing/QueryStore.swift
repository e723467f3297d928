import Foundation
import ShuhuiCore
import SQLKit

/// A query module with what a reader needs: the service's form, and whether the reader's unit
/// may use it.
public struct QueryModuleSummary: Sendable, Encodable {
    public var module: QueryModule
    public var providerName: String
    public var resourceName: String
    /// The search form: the service's parameters.
    public var parameters: [ServiceParameter]
    /// The reader's unit holds an active query grant on the resource.
    public var usable: Bool
}

/// One search on a query page: masked rows of the granted fields.
public struct QueryResult: Sendable, Encodable {
    public var module: String
    public var fields: [String]
    public var rows: [[String: TypedValue?]]
    public var limit: Int
    public var offset: Int
    public var hasMore: Bool
}

extension Store {
    static let moduleSelect = """
        SELECT m.*, s.code AS service_code, s.document AS service_document, p.short_name AS provider_name, r.name AS resource_name
        FROM query_modules m JOIN data_services s ON s.id = m.service_id JOIN organizations p ON p.id = m.provider_id
        JOIN resources r ON r.id = m.resource_id
        """

    static func module(_ row: any SQLRow) throws -> QueryModule {
        QueryModule(
            id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self), serviceCode: try row.decode(column: "service_code", as: String.self),
            serviceID: try row.decode(column: "service_id", as: Int64.self), resourceID: try row.decode(column: "resource_id", as: Int64.self),
            providerID: try row.decode(column: "provider_id", as: Int64.self),
            state: ServiceState(rawValue: try row.decode(column: "state", as: String.self)) ?? .retired,
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            publishedAt: try row.optional("published_at", as: Int64.self).map(Clock.date))
    }

    static func moduleSummary(_ row: any SQLRow, usable: Set<Int64>) throws -> QueryModuleSummary {
        let m = try module(row)
        let service = try JSONText.decode(DataServiceDraft.self, try row.decode(column: "service_document", as: String.self))
        return QueryModuleSummary(module: m, providerName: try row.decode(column: "provider_name", as: String.self),
                                  resourceName: try row.decode(column: "resource_name", as: String.self),
                                  parameters: service.parameters, usable: m.state == .published && usable.contains(m.resourceID))
    }

    /// Publishes a query module over one of the unit's published data services.
    public func createQueryModule(_ draft: QueryModuleDraft, by actor: Principal, now: Date = Date()) async throws -> QueryModuleSummary {
        var issues = draft.issues()
        let service = try? await self.service(code: draft.serviceCode)
        if let service {
            try AccessPolicy.canEdit(ownedBy: service.organizationID, actor)
            if service.state != .published {
                issues.append(FieldIssue(field: "serviceCode", code: "service_not_published", message: Strings.format("query.service_not_published", ["service": draft.serviceCode])))
            }
        } else {
            issues.append(FieldIssue(field: "serviceCode", code: "unknown_service", message: Strings.format("gateway.no_service", ["service": draft.serviceCode])))
        }
        guard issues.isEmpty, let service else { throw StoreError.invalid(ValidationFailure(issues)) }
        do {
            try await database.transaction { (db: any SQLDatabase) in
                try await db.raw("""
                    INSERT INTO query_modules (code, name, service_id, resource_id, provider_id, state, created_at, published_at)
                    VALUES (\(bind: draft.code), \(bind: draft.name), \(bind: service.id), \(bind: service.resourceID), \(bind: service.organizationID),
                            'published', \(bind: Clock.millis(now)), \(bind: Clock.millis(now)))
                    """).run()
            }
        } catch where ConstraintErrors.isUniqueViolation(error) {
            throw StoreError.duplicate(field: "code", value: draft.code)
        }
        return try await queryModule(code: draft.code, for: actor, now: now)
    }

    /// Retires a module: its page answers no more searches.
    public func retireQueryModule(code: String, by actor: Principal, now: Date = Date()) async throws -> QueryModuleSummary {
        let current = try await queryModule(code: code, for: actor, now: now)
        try AccessPolicy.canEdit(ownedBy: current.module.providerID, actor)
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("UPDATE query_modules SET state = 'retired' WHERE code = \(bind: code)").run()
        }
        return try await queryModule(code: code, for: actor, now: now)
    }

    /// Resources on which `unit` holds an active query grant.
    func queryableResources(unit: Int64?, now: Date) async throws -> Set<Int64> {
        guard let unit else { return [] }
        return Set(try await queryGrants(unit: unit).filter { $0.status(on: CalendarDate(beijing: now)) == .active }.map(\.resourceID))
    }

    /// Every query grant a unit holds.
    func queryGrants(unit: Int64) async throws -> [Grant] {
        try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.grantSelect) WHERE g.organization_id = \(bind: unit) AND g.mode = 'query'").all().map(Self.grant)
        }
    }

    /// Published modules, with `usable` set for those the reader's unit may search.
    public func queryModules(for actor: Principal, includeRetired: Bool = false, now: Date = Date()) async throws -> [QueryModuleSummary] {
        let usable = try await queryableResources(unit: actor.organizationID, now: now)
        let filter: SQLQueryString = includeRetired ? "" : "WHERE m.state = 'published'"
        return try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.moduleSelect) \(filter) ORDER BY m.code").all().map { try Self.moduleSummary($0, usable: usable) }
        }
    }

    /// One module by code.
    public func queryModule(code: String, for actor: Principal, now: Date = Date()) async throws -> QueryModuleSummary {
        let usable = try await queryableResources(unit: actor.organizationID, now: now)
        let row = try await database.read { db in try await db.raw("\(unsafeRaw: Self.moduleSelect) WHERE m.code = \(bind: code)").first() }
        return try Self.moduleSummary(try row.orThrow(.notFound("query module \(code)")), usable: usable)
    }

    /// Searches through a query page. The visitor's unit must hold an active query grant on
    /// the module's resource covering the fields shown and searched (deny by default, the
    /// same checks as the gateway); rows come back masked as the grant says. Every visit —
    /// refused ones too — is logged with masked parameters; successful ones are counted per
    /// unit, module and day.
    public func searchQueryModule(code: String, query: [String: String], limit: Int, offset: Int,
                                  by actor: Principal, now: Date = Date()) async throws -> QueryResult {
        try AccessPolicy.canUseQueryPages(actor)
        let summary = try await queryModule(code: code, for: actor, now: now)
        let module = summary.module
        guard let (service, resource) = try await gatewayService(code: module.serviceCode) else { throw StoreError.notFound("service") }
        let unit = actor.organizationID ?? 0
        let grants = unit == 0 ? [] : try await queryGrants(unit: unit)
        let masker = try await masker(forUnit: unit)
        var effective = service
        if module.state != .published { effective.state = .retired }
        let authorized: (grant: Grant, fields: [String])
        do {
            authorized = try GatewayPolicy.authorize(service: effective, grants: grants, query: query, today: CalendarDate(beijing: now), mode: .query)
        } catch {
            let grant = grants.first { $0.resourceID == resource.id }
            try await recordVisit(module, unit: unit, actor: actor, status: Self.status(of: error), rows: 0,
                                  params: Self.maskedParameters(query, grant: grant, resource: resource, masker: masker), now: now)
            throw error
        }
        let filters = query.filter { !GatewayPolicy.reserved.contains($0.key) }
        let result = try await lookup(resource, fields: authorized.fields, filters: filters, limit: limit, offset: offset)
        let rows = result.rows.map { row in
            Dictionary(uniqueKeysWithValues: authorized.fields.map { f in (f, masker.mask(row[f] ?? nil, authorized.grant.masks[f] ?? .none)) })
        }
        try await recordVisit(module, unit: unit, actor: actor, status: 200, rows: rows.count,
                              params: Self.maskedParameters(query, grant: authorized.grant, resource: resource, masker: masker), now: now)
        return QueryResult(module: code, fields: authorized.fields, rows: rows, limit: limit, offset: offset, hasMore: result.hasMore)
    }

    static func status(of denial: GatewayDenial) -> Int {
        switch denial {
        case .serviceUnavailable: 410
        case .unknownParameter, .missingParameter: 400
        case .noGrant, .grantExpired, .grantRevoked, .fieldNotGranted: 403
        }
    }

    private func recordVisit(_ module: QueryModule, unit: Int64, actor: Principal, status: Int, rows: Int, params: String, now: Date) async throws {
        let day = Counters.day(now)
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                INSERT INTO query_visits (at, module_id, organization_id, user_id, status, row_count, params)
                VALUES (\(bind: Clock.millis(now)), \(bind: module.id), \(bind: unit), \(bind: actor.userID), \(bind: status), \(bind: rows), \(bind: params))
                """).run()
            guard status == 200 else { return }
            try await db.raw("""
                INSERT INTO query_visit_daily (day, module_id, organization_id, visits) VALUES (\(bind: day), \(bind: module.id), \(bind: unit), 1)
                ON CONFLICT (day, module_id, organization_id) DO UPDATE SET visits = query_visit_daily.visits + 1
                """).run()
        }
    }

    /// A call's parameters for the audit record, each value masked as the grant masks that
    /// field (or as suggested for the field when no grant applies; redacted when unknown), so
    /// the logs hold no raw identifiers. Reserved paging parameters are kept as given.
    public static func maskedParameters(_ query: [String: String], grant: Grant?, resource: Resource?, masker: Masker) -> String {
        var out: [String: String] = [:]
        for (k, v) in query {
            let name = String(k.prefix(64))
            if GatewayPolicy.reserved.contains(name) { out[name] = String(v.prefix(200)); continue }
            var kind = MaskKind.redact
            if let grant, let m = grant.masks[name] {
                kind = m
            } else if let resource, let f = resource.draft.fields.first(where: { $0.code == name }) {
                kind = MaskKind.suggested(for: f, rules: resource.draft.rules)
            }
            out[name] = masker.mask(.text(String(v.prefix(200))), kind)?.description ?? ""
        }
        var w = JSONWriter()
        w.object(out)
        return w.text
    }

    /// Visits in the log, newest first (the audit trail of query pages).
    public func queryVisits(limit: Int = 100) async throws -> [QueryVisit] {
        try await database.read { db in
            try await db.raw("""
                SELECT v.*, m.code AS module_code, o.short_name AS organization_name, u.username FROM query_visits v
                JOIN query_modules m ON m.id = v.module_id LEFT JOIN organizations o ON o.id = v.organization_id LEFT JOIN users u ON u.id = v.user_id
                ORDER BY v.id DESC LIMIT \(bind: limit)
                """).all().map { row in
                QueryVisit(at: Clock.date(try row.decode(column: "at", as: Int64.self)), module: try row.decode(column: "module_code", as: String.self),
                           organizationName: try row.optional("organization_name", as: String.self) ?? "",
                           username: try row.optional("username", as: String.self) ?? "", status: try row.decode(column: "status", as: Int.self),
                           rows: try row.decode(column: "row_count", as: Int.self), params: try row.decode(column: "params", as: String.self))
            }
        }
    }
}

/// One logged query-page visit.
public struct QueryVisit: Sendable, Encodable {
    public var at: Date
    public var module: String
    public var organizationName: String
    public var username: String
    public var status: Int
    public var rows: Int
    /// Parameters with masked values.
    public var params: String
}
