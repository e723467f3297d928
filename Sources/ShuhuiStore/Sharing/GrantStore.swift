import Foundation
import ShuhuiCore
import SQLKit

/// A grant with the names a reader needs.
public struct GrantSummary: Sendable, Encodable {
    public var grant: Grant
    public var status: GrantStatus
    public var resourceName: String
    public var providerID: Int64
    public var providerName: String
    public var organizationName: String
    public var systemName: String
}

/// Filters for listing grants.
public struct GrantQuery: Sendable {
    public var consumerID: Int64?
    public var providerID: Int64?
    public var systemID: Int64?
    public var page: PageRequest

    public init(consumerID: Int64? = nil, providerID: Int64? = nil, systemID: Int64? = nil, page: PageRequest = .init()) {
        self.consumerID = consumerID
        self.providerID = providerID
        self.systemID = systemID
        self.page = page
    }
}

extension Store {
    static func insertGrant(_ db: any SQLDatabase, requestID: Int64, resource: Resource, consumer: InformationSystem,
                            draft: SharingRequestDraft, terms: GrantTerms, at: Int64) async throws {
        var issues: [FieldIssue] = []
        var masks: [String: MaskKind] = [:]
        for code in draft.fields {
            guard let f = resource.draft.fields.first(where: { $0.code == code }) else { continue }
            masks[code] = MaskKind.suggested(for: f, rules: resource.draft.rules)
        }
        for (field, kind) in terms.masks ?? [:] {
            if masks[field] == nil {
                issues.append(FieldIssue(field: "masks.\(field)", code: "bad_mask", message: Strings.format("sharing.bad_mask", ["field": field])))
            } else {
                masks[field] = kind
            }
        }
        var until = draft.validUntil
        if let shorter = terms.validUntil {
            if let d = CalendarDate(iso: shorter), let asked = CalendarDate(iso: draft.validUntil), d <= asked, d >= CalendarDate(beijing: Clock.date(at)) {
                until = shorter
            } else {
                issues.append(FieldIssue(field: "validUntil", code: "bad_period", message: Strings.format("sharing.bad_period", ["max": draft.validUntil])))
            }
        }
        if let rate = terms.ratePerMinute, !(1...1_000_000).contains(rate) {
            issues.append(FieldIssue(field: "ratePerMinute", code: "bad_rate", message: Strings["service.bad_rate"]))
        }
        if !issues.isEmpty { throw StoreError.invalid(ValidationFailure(issues)) }
        try await db.raw("""
            INSERT INTO grants (request_id, organization_id, system_id, resource_id, provider_id, fields, mode, masks, rate_per_minute, activated_at, valid_until)
            VALUES (\(bind: requestID), \(bind: consumer.organizationID), \(bind: consumer.id), \(bind: resource.id), \(bind: resource.draft.providerID),
                \(bind: try JSONText.encode(draft.fields)), \(bind: draft.mode.rawValue), \(bind: try JSONText.encode(masks)), \(bind: terms.ratePerMinute),
                \(bind: at), \(bind: until))
            """).run()
    }

    static let grantSelect = """
        SELECT g.*, r.code AS resource_code, r.name AS resource_name, p.short_name AS provider_name, o.short_name AS organization_name, s.name AS system_name
        FROM grants g JOIN resources r ON r.id = g.resource_id JOIN organizations p ON p.id = g.provider_id
        JOIN organizations o ON o.id = g.organization_id JOIN information_systems s ON s.id = g.system_id
        """

    static func grant(_ row: any SQLRow) throws -> Grant {
        Grant(
            id: try row.decode(column: "id", as: Int64.self), requestID: try row.decode(column: "request_id", as: Int64.self),
            organizationID: try row.decode(column: "organization_id", as: Int64.self), systemID: try row.decode(column: "system_id", as: Int64.self),
            resourceID: try row.decode(column: "resource_id", as: Int64.self), resourceCode: try row.decode(column: "resource_code", as: String.self),
            fields: try JSONText.decode([String].self, try row.decode(column: "fields", as: String.self)),
            mode: SharingMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .api,
            masks: try JSONText.decode([String: MaskKind].self, try row.decode(column: "masks", as: String.self)),
            ratePerMinute: try row.optional("rate_per_minute", as: Int.self),
            activatedAt: Clock.date(try row.decode(column: "activated_at", as: Int64.self)),
            validUntil: try row.decode(column: "valid_until", as: String.self),
            revokedAt: try row.optional("revoked_at", as: Int64.self).map(Clock.date),
            revokeReason: try row.optional("revoke_reason", as: String.self),
            lastCalledAt: try row.optional("last_called_at", as: Int64.self).map(Clock.date))
    }

    static func grantSummary(_ row: any SQLRow, today: CalendarDate) throws -> GrantSummary {
        let g = try grant(row)
        return GrantSummary(
            grant: g, status: g.status(on: today), resourceName: try row.decode(column: "resource_name", as: String.self),
            providerID: try row.decode(column: "provider_id", as: Int64.self), providerName: try row.decode(column: "provider_name", as: String.self),
            organizationName: try row.decode(column: "organization_name", as: String.self), systemName: try row.decode(column: "system_name", as: String.self))
    }

    /// Grants, newest first.
    public func grants(_ q: GrantQuery, now: Date = Date()) async throws -> Page<GrantSummary> {
        var c: [SQLQueryString] = []
        if let id = q.consumerID { c.append("g.organization_id = \(bind: id)") }
        if let id = q.providerID { c.append("g.provider_id = \(bind: id)") }
        if let id = q.systemID { c.append("g.system_id = \(bind: id)") }
        let filter = SQLQueryString.conjunction(c)
        let today = CalendarDate(beijing: now)
        return try await database.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM grants g \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("\(unsafeRaw: Self.grantSelect) \(filter) ORDER BY g.id DESC LIMIT \(bind: q.page.limit) OFFSET \(bind: q.page.offset)").all()
            return Page(items: try rows.map { try Self.grantSummary($0, today: today) }, total: total, limit: q.page.limit, offset: q.page.offset)
        }
    }

    /// One grant.
    public func grant(id: Int64, now: Date = Date()) async throws -> GrantSummary {
        let row = try await database.read { db in try await db.raw("\(unsafeRaw: Self.grantSelect) WHERE g.id = \(bind: id)").first() }
        return try Self.grantSummary(try row.orThrow(.notFound("grant \(id)")), today: CalendarDate(beijing: now))
    }

    /// Revokes a grant at once: the next gateway call under it is refused.
    public func revokeGrant(id: Int64, reason: String, by actor: Principal, now: Date = Date()) async throws -> GrantSummary {
        let current = try await grant(id: id, now: now)
        try AccessPolicy.canRevokeGrant(provider: current.providerID, actor)
        guard current.grant.revokedAt == nil else { throw StoreError.conflict(Strings["sharing.already_revoked"]) }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalid(ValidationFailure(field: "reason", code: "reason_required", message: Strings["sharing.reason_required"]))
        }
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("UPDATE grants SET revoked_at = \(bind: Clock.millis(now)), revoke_reason = \(bind: reason) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
        }
        gatewayCache.invalidate()
        return try await grant(id: id, now: now)
    }
}
