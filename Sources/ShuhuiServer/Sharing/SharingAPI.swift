import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

extension SharingRequestDraft: StrictInput {
    static var knownKeys: Set<String> { ["resourceCode", "systemID", "fields", "mode", "purpose", "legalBasis", "validUntil"] }
}

/// A step taken on a request: approve or refuse (with the grant's terms), or withdraw.
struct DecisionInput: StrictInput {
    enum Kind: String, Decodable { case approve, refuse, withdraw }
    var decision: Kind
    var reason: String?
    var masks: [String: MaskKind]?
    var ratePerMinute: Int?
    var validUntil: String?
    static var knownKeys: Set<String> { ["decision", "reason", "masks", "ratePerMinute", "validUntil"] }

    var requestDecision: RequestDecision {
        switch decision {
        case .approve: .approve
        case .refuse: .refuse(reason: reason ?? "")
        case .withdraw: .withdraw
        }
    }
}

struct ReasonInput: StrictInput {
    var reason: String
    static var knownKeys: Set<String> { ["reason"] }
}

struct BureauInput: StrictInput {
    var organizationID: Int64
    static var knownKeys: Set<String> { ["organizationID"] }
}

struct CalendarDayInput: StrictInput {
    enum Kind: String, Decodable { case holiday, workday, normal }
    var kind: Kind
    var note: String?
    static var knownKeys: Set<String> { ["kind", "note"] }
}

/// Sharing requests, approvals and grants: `/api/v1/sharing/*`, plus the bureau settings the
/// approval clocks need.
enum SharingAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .post, path: "/api/v1/sharing/requests", tag: "sharing",
                      summary: "Ask for a resource's fields for one of your unit's systems. Unconditionally shared fields are granted at once; conditional ones go to the provider (5 working days) then the bureau (2).",
                      body: "SharingRequestDraft", response: "SharingRequest", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(SharingRequestDraft.self, req, context: ctx)
            return try Reply.json(try await store.createSharingRequest(draft, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/requests", tag: "sharing",
                      summary: "Requests your unit made (side=consumer, default) or received (side=provider); the bureau sees all",
                      query: [("side", "string"), ("state", "string"), ("limit", "integer"), ("offset", "integer")], response: "SharingRequestPage")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let (consumer, provider) = try await scope(req, p, store: store)
            let q = RequestQuery(consumerID: consumer, providerID: provider, state: try req.enumQuery("state", RequestState.self),
                                 page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset")))
            return try Reply.json(try await store.sharingRequests(q))
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/todo", tag: "sharing", summary: "Requests waiting for you, oldest due first, with overdue flags",
                      response: "SharingRequestList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.sharingToDo(for: p)])
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/requests/{id}", tag: "sharing", summary: "One request with its history", response: "SharingRequest")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let r = try await store.sharingRequest(id: try ctx.parameters.require("id", as: Int64.self))
            try AccessPolicy.canSee(consumer: r.organizationID, provider: r.providerID, bureau: try await store.bureauID(), p)
            return try Reply.json(r)
        }
        api.add(.init(method: .post, path: "/api/v1/sharing/requests/{id}/decision", tag: "sharing",
                      summary: "Approve or refuse (with a reason) at your step, or withdraw your unit's request. The last approval creates the grant with the masks given (or suggested).",
                      body: "DecisionInput", response: "SharingRequest")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let id = try ctx.parameters.require("id", as: Int64.self)
            let input = try await JSONBody.decode(DecisionInput.self, req, context: ctx)
            let terms = GrantTerms(masks: input.masks, ratePerMinute: input.ratePerMinute, validUntil: input.validUntil)
            return try Reply.json(try await store.decide(requestID: id, input.requestDecision, terms: terms, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/grants", tag: "sharing", summary: "Grants your unit holds (side=consumer) or gave (side=provider); the bureau sees all",
                      query: [("side", "string"), ("limit", "integer"), ("offset", "integer")], response: "GrantPage")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let (consumer, provider) = try await scope(req, p, store: store)
            return try Reply.json(try await store.grants(GrantQuery(consumerID: consumer, providerID: provider,
                                                                    page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset")))))
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/grants/{id}", tag: "sharing", summary: "One grant", response: "GrantSummary")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let g = try await store.grant(id: try ctx.parameters.require("id", as: Int64.self))
            try AccessPolicy.canSee(consumer: g.grant.organizationID, provider: g.providerID, bureau: try await store.bureauID(), p)
            return try Reply.json(g)
        }
        api.add(.init(method: .post, path: "/api/v1/sharing/grants/{id}/revoke", tag: "sharing", summary: "Revoke a grant at once (the provider's approver or the bureau), with a reason",
                      body: "ReasonInput", response: "GrantSummary")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let id = try ctx.parameters.require("id", as: Int64.self)
            let input = try await JSONBody.decode(ReasonInput.self, req, context: ctx)
            return try Reply.json(try await store.revokeGrant(id: id, reason: input.reason, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/unused", tag: "sharing",
                      summary: "API grants not called in the `days` (default 14) after activation — the bulletin's 附件 4",
                      query: [("days", "integer"), ("organizationID", "integer")], response: "UnusedGrantList")) { req, ctx in
            let p = try ctx.requirePrincipal()
            var unit = try req.intQuery("organizationID").map(Int64.init)
            if p.role != .admin && p.role != .auditor { unit = p.organizationID ?? -1 }
            let days = min(max(try req.intQuery("days") ?? 14, 1), 365)
            return try Reply.json(["items": try await store.unusedGrants(days: days, organizationID: unit)])
        }
        api.add(.init(method: .get, path: "/api/v1/sharing/calls", tag: "sharing",
                      summary: "The gateway's audit trail: every call with status, latency split, rows, bytes and masked parameters (auditors and the bureau; units see their own)",
                      query: [("limit", "integer"), ("offset", "integer")], response: "CallPage")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let unit: Int64? = p.role == .admin || p.role == .auditor ? nil : (p.organizationID ?? -1)
            return try Reply.json(try await store.calls(organizationID: unit, page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset"))))
        }
        api.add(.init(method: .put, path: "/api/v1/settings/bureau", tag: "sharing", summary: "Name the bureau's unit, whose approvers answer the bureau step (administrators)",
                      body: "BureauInput", status: 204)) { req, ctx in
            try AccessPolicy.canManageOrganizations(try ctx.requirePrincipal())
            let input = try await JSONBody.decode(BureauInput.self, req, context: ctx)
            try await store.setBureau(input.organizationID)
            return Reply.noContent()
        }
        api.add(.init(method: .get, path: "/api/v1/calendar", tag: "sharing", summary: "Holidays and worked weekend days the approval clocks skip or count",
                      response: "CalendarList")) { _, ctx in
            _ = try ctx.requirePrincipal()
            let c = try await store.workingCalendar()
            return try Reply.json(["holidays": c.holidays.sorted().map(\.description), "workdays": c.workdays.sorted().map(\.description)])
        }
        api.add(.init(method: .put, path: "/api/v1/calendar/{code}", tag: "sharing", summary: "Mark a day (YYYY-MM-DD) as holiday, workday or normal (administrators)",
                      body: "CalendarDayInput", status: 204)) { req, ctx in
            try AccessPolicy.canManageOrganizations(try ctx.requirePrincipal())
            let text = try ctx.parameters.require("code")
            guard let day = CalendarDate(iso: text) else { throw Problem.badRequest(field: "code", Strings.format("sharing.bad_date", ["value": text])) }
            let input = try await JSONBody.decode(CalendarDayInput.self, req, context: ctx)
            try await store.setCalendarDay(day, holiday: input.kind == .normal ? nil : input.kind == .holiday, note: input.note ?? "")
            return Reply.noContent()
        }
    }

    /// Which side of the requests a reader sees: their own unit's (as consumer, or as provider
    /// with `side=provider`); the bureau's administrators, auditors and approvers see all.
    static func scope(_ req: Request, _ p: Principal, store: Store) async throws -> (consumer: Int64?, provider: Int64?) {
        let side = req.query("side") ?? "consumer"
        guard side == "consumer" || side == "provider" else {
            throw Problem.badRequest(field: "side", Strings.format("v.invalidValue", ["value": side, "allowed": "consumer, provider"]))
        }
        if AccessPolicy.overseesSharing(bureau: try await store.bureauID(), p) { return (nil, nil) }
        let unit = p.organizationID ?? -1
        return side == "provider" ? (nil, unit) : (unit, nil)
    }
}
