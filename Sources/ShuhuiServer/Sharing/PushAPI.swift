import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

extension PushSubscriptionDraft: StrictInput {
    static var knownKeys: Set<String> { ["grantID", "mode", "targetKind", "target", "format", "intervalMinutes"] }
}

struct PushStateInput: StrictInput {
    var state: PushState
    static var knownKeys: Set<String> { ["state"] }
}

extension QueryModuleDraft: StrictInput {
    static var knownKeys: Set<String> { ["code", "name", "serviceCode"] }
}

/// Push subscriptions (数据推送) and query pages (页面查询): `/api/v1/push/*`, `/api/v1/query-modules/*`.
enum PushAPI {
    static func register(_ api: APIRegistry, store: Store, runner: PushRunner?) {
        api.add(.init(method: .post, path: "/api/v1/push/subscriptions", tag: "push",
                      summary: "Subscribe one of your unit's push grants: full or incremental delivery to an exchange folder or an HTTP endpoint, on a schedule or on demand",
                      body: "PushSubscriptionDraft", response: "PushSubscription", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(PushSubscriptionDraft.self, req, context: ctx)
            let created = try await store.createSubscription(draft, by: p)
            if let runner { Task { try? await runner.run(subscriptionID: created.subscription.id) } }
            return try Reply.json(created, status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/push/subscriptions", tag: "push",
                      summary: "Subscriptions your unit receives or provides (the bureau sees all)", response: "PushSubscriptionList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.subscriptions(visibleTo: p)])
        }
        api.add(.init(method: .get, path: "/api/v1/push/subscriptions/{id}", tag: "push",
                      summary: "One subscription with its latest deliveries (batch ids, ranges, attempts, errors)", response: "PushSubscriptionDetail")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let s = try await store.subscription(id: try ctx.parameters.require("id", as: Int64.self))
            try await store.checkCanSee(s, p)
            return try Reply.json(PushSubscriptionDetail(summary: s, deliveries: try await store.deliveries(subscriptionID: s.subscription.id)))
        }
        api.add(.init(method: .post, path: "/api/v1/push/subscriptions/{id}/state", tag: "push",
                      summary: "Pause, resume or cancel a subscription (cancelling drops deliveries not yet sent)",
                      body: "PushStateInput", response: "PushSubscription")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(PushStateInput.self, req, context: ctx)
            return try Reply.json(try await store.setSubscriptionState(id: try ctx.parameters.require("id", as: Int64.self), input.state, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/push/subscriptions/{id}/run", tag: "push",
                      summary: "Deliver what is new now (on-demand subscriptions run only so)", response: "PushSubscription", status: 202)) { _, ctx in
            let p = try ctx.requirePrincipal()
            let s = try await store.runSubscriptionNow(id: try ctx.parameters.require("id", as: Int64.self), by: p)
            if let runner { Task { try? await runner.run(subscriptionID: s.subscription.id) } }
            return try Reply.json(s, status: .accepted)
        }

        api.add(.init(method: .post, path: "/api/v1/query-modules", tag: "query",
                      summary: "Publish a query page over one of your unit's published data services",
                      body: "QueryModuleDraft", response: "QueryModule", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(QueryModuleDraft.self, req, context: ctx)
            return try Reply.json(try await store.createQueryModule(draft, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/query-modules", tag: "query",
                      summary: "Published query modules; `usable` marks those your unit holds a query grant for", response: "QueryModuleList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.queryModules(for: p)])
        }
        api.add(.init(method: .get, path: "/api/v1/query-modules/{code}", tag: "query", summary: "One query module with its search form",
                      response: "QueryModule")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(try await store.queryModule(code: try ctx.parameters.require("code"), for: p))
        }
        api.add(.init(method: .post, path: "/api/v1/query-modules/{code}/retire", tag: "query", summary: "Retire a query module",
                      response: "QueryModule")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(try await store.retireQueryModule(code: try ctx.parameters.require("code"), by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/query-modules/{code}/search", tag: "query",
                      summary: "Search through a query page (the service's parameters as query parameters); masked rows of the granted fields. Every visit is logged and counted.",
                      query: [("limit", "integer"), ("offset", "integer")], response: "QueryResult")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            var query = Gateway.query(req)
            let limit = try Gateway.int(query.removeValue(forKey: "limit"), "limit", default: 20, range: 1...DataServiceDraft.maxPageSize)
            let offset = try Gateway.int(query.removeValue(forKey: "offset"), "offset", default: 0, range: 0...1_000_000)
            return try Reply.json(try await search(store, code: code, query: query, limit: limit, offset: offset, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/query-visits", tag: "query", summary: "The query pages' audit trail, newest first (bureau and auditors)",
                      response: "QueryVisitList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            guard AccessPolicy.overseesSharing(bureau: try await store.bureauID(), p) else { throw AccessDenial.role(p.role) }
            return try Reply.json(["items": try await store.queryVisits()])
        }
    }

    /// A search, with the gateway's denials answered as the gateway answers them.
    static func search(_ store: Store, code: String, query: [String: String], limit: Int, offset: Int, by p: Principal) async throws -> QueryResult {
        do {
            return try await store.searchQueryModule(code: code, query: query, limit: limit, offset: offset, by: p)
        } catch let denial as GatewayDenial {
            if denial == .noGrant {
                throw Problem(status: .forbidden, kind: "forbidden", titleKey: "problem.forbidden", detail: Strings["query.no_grant"])
            }
            throw Gateway.problem(denial, service: code)
        }
    }
}

/// A subscription and its latest deliveries.
struct PushSubscriptionDetail: Encodable {
    var summary: PushSubscriptionSummary
    var deliveries: [PushDelivery]
}
