import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

/// Cases (办件) and one-thing bundles (一件事).
enum CaseAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .get, path: "/api/v1/cases", tag: "one-window",
                      summary: "Cases, newest first, with clock, due day and overdue flag (units see their own; the bureau and auditors all)",
                      query: [("matterCode", "string"), ("organizationID", "integer"), ("state", "string"), ("limit", "integer"), ("offset", "integer")],
                      response: "CasePage")) { req, ctx in
            let p = try ctx.requirePrincipal()
            var unit = try req.intQuery("organizationID").map(Int64.init)
            if !OneWindowAPI.seesAllCases(p) { unit = p.organizationID ?? -1 }
            let q = CaseQuery(matterCode: req.query("matterCode"), organizationID: unit, state: try req.enumQuery("state", CaseState.self),
                              page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset")))
            return try Reply.json(try await store.cases(q))
        }
        api.add(.init(method: .post, path: "/api/v1/cases", tag: "one-window",
                      summary: "Receive a case: at a window, or from a joined system with its own case number (the matter's unit or the bureau)",
                      body: "CaseDraft", response: "Case", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(CaseDraft.self, req, context: ctx)
            return try Reply.json(try await store.createCase(draft, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/cases/{id}", tag: "one-window", summary: "One case with its history and the actions allowed next", response: "Case")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let record = try await store.caseRecord(id: try ctx.parameters.require("id", as: Int64.self))
            if !OneWindowAPI.seesAllCases(p) && p.organizationID != record.organizationID { throw AccessDenial.scope(ownUnit: p.organizationID) }
            return try Reply.json(record)
        }
        api.add(.init(method: .post, path: "/api/v1/cases/{id}/actions", tag: "one-window",
                      summary: "Take a case one step: prereview, accept, refuse, requestCorrection (pauses the clock), resubmit, review, approve, deny, withdraw, terminate",
                      body: "CaseActionInput", response: "Case")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(CaseActionInput.self, req, context: ctx)
            return try Reply.json(try await store.act(caseID: try ctx.parameters.require("id", as: Int64.self), input.action, reason: input.reason, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/case-statistics", tag: "one-window",
                      summary: "Cases received, accepted, completed (and open overdue) per matter, unit or week",
                      query: [("by", "string"), ("from", "string"), ("to", "string")], response: "CaseCounts")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let by = try req.enumQuery("by", CaseGrouping.self) ?? .unit
            return try Reply.json(try await store.caseCounts(by: by, from: try OneWindowAPI.day(req, "from"), through: try OneWindowAPI.day(req, "to")))
        }
        api.add(.init(method: .get, path: "/api/v1/bundles", tag: "one-window", summary: "One-thing bundles with their matters and applications", response: "BundleList")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.bundles()])
        }
        api.add(.init(method: .post, path: "/api/v1/bundles", tag: "one-window", summary: "Define a bundle merging matters of several units (the bureau)",
                      body: "BundleDraft", response: "Bundle", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(BundleDraft.self, req, context: ctx)
            return try Reply.json(try await store.createBundle(draft, by: p), status: .created)
        }
        api.add(.init(method: .post, path: "/api/v1/bundles/{code}/applications", tag: "one-window",
                      summary: "Apply for a bundle: opens one case per matter (the lead unit or the bureau)",
                      body: "BundleApplicationInput", response: "BundleApplication", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(BundleApplicationInput.self, req, context: ctx)
            return try Reply.json(try await store.applyForBundle(code: try ctx.parameters.require("code"), applicant: input.applicant, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/bundle-applications/{id}", tag: "one-window", summary: "One bundle application: its cases and progress",
                      response: "BundleApplication")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let app = try await store.bundleApplication(id: try ctx.parameters.require("id", as: Int64.self))
            if !OneWindowAPI.seesAllCases(p) && !app.cases.contains(where: { $0.organizationID == p.organizationID }) {
                throw AccessDenial.scope(ownUnit: p.organizationID)
            }
            return try Reply.json(app)
        }
        api.add(.init(method: .get, path: "/api/v1/bundle-statistics", tag: "one-window", summary: "Matters merged into bundles (282 → 75), applications and completions",
                      response: "BundleStatistics")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.bundleStatistics())
        }
    }
}
