import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Console pages for sharing: the approver's to-do list, requests, a request's page with its
/// decision form, the request form, grants, unused grants and data services.
extension Console {
    static func registerSharing(_ router: Router<AppContext>, store: Store) {
        router.get("/sharing") { req, ctx in try await guarded(req, ctx) { p in try await sharingPage(req, ctx, p, store: store) } }
        router.get("/sharing/new") { req, ctx in try await guarded(req, ctx) { p in try await requestForm(req, ctx, p, store: store, form: [:], errors: []) } }
        router.post("/sharing/new") { req, ctx in try await guarded(req, ctx) { p in try await submitRequest(req, ctx, p, store: store) } }
        router.get("/sharing/requests/{id}") { req, ctx in try await guarded(req, ctx) { p in try await requestPage(req, ctx, p, store: store, errors: []) } }
        router.post("/sharing/requests/{id}/decision") { req, ctx in try await guarded(req, ctx) { p in try await decideForm(req, ctx, p, store: store) } }
        router.post("/sharing/grants/{id}/revoke") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                let g = try await store.revokeGrant(id: try ctx.parameters.require("id", as: Int64.self), reason: form["reason"] ?? "", by: p)
                return redirect("/sharing/requests/\(g.grant.requestID)")
            }
        }
        router.get("/services") { req, ctx in try await guarded(req, ctx) { p in try await servicesPage(req, ctx, p, store: store) } }
        router.post("/services/{code}/{action}") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                let action = try ctx.parameters.require("action")
                guard action == "publish" || action == "retire" else { throw Problem.notFound(action) }
                _ = try await store.setServiceState(code: try ctx.parameters.require("code"), action == "publish" ? .published : .retired, by: p)
                return redirect("/services")
            }
        }
    }

    static func requestRow(_ r: SharingRequest, _ ctx: AppContext) -> [String: Any] {
        ["id": r.id, "resourceName": r.resourceName, "resourceCode": r.resourceCode, "organizationName": r.organizationName,
         "providerName": r.providerName, "modeLabel": label("mode.\(r.mode.rawValue)", ctx), "stateLabel": label("request.\(r.state.rawValue)", ctx),
         "state": r.state.rawValue, "due": formatDate(r.dueAt), "overdue": r.overdue, "createdAt": formatDate(r.createdAt),
         "fieldCount": r.fields.count]
    }

    static func grantRow(_ g: GrantSummary, _ ctx: AppContext) -> [String: Any] {
        ["id": g.grant.id, "requestID": g.grant.requestID, "resourceName": g.resourceName, "resourceCode": g.grant.resourceCode,
         "organizationName": g.organizationName, "systemName": g.systemName, "providerName": g.providerName,
         "modeLabel": label("mode.\(g.grant.mode.rawValue)", ctx), "statusLabel": label("grant.\(g.status.rawValue)", ctx),
         "fields": g.grant.fields.joined(separator: ", "), "validUntil": g.grant.validUntil, "lastCalled": formatDate(g.grant.lastCalledAt)]
    }

    static func sharingPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let bureau = try await store.bureauID()
        let seesAll = AccessPolicy.overseesSharing(bureau: bureau, p)
        var data: [String: Any] = [:]
        let todo = try await store.sharingToDo(for: p)
        if p.role == .admin || p.role == .approver { data["todo"] = ["items": todo.map { requestRow($0, ctx) }, "empty": todo.isEmpty] }
        if let unit = p.organizationID {
            let mine = try await store.sharingRequests(RequestQuery(consumerID: unit, page: PageRequest(limit: 50)))
            let received = try await store.sharingRequests(RequestQuery(providerID: unit, page: PageRequest(limit: 50)))
            data["mine"] = ["items": mine.items.map { requestRow($0, ctx) }, "empty": mine.items.isEmpty]
            data["received"] = ["items": received.items.map { requestRow($0, ctx) }, "empty": received.items.isEmpty]
        }
        if seesAll {
            let all = try await store.sharingRequests(RequestQuery(page: PageRequest(limit: 50)))
            data["all"] = ["items": all.items.map { requestRow($0, ctx) }, "empty": all.items.isEmpty, "total": all.total]
        }
        let grants = try await store.grants(seesAll ? GrantQuery(page: PageRequest(limit: 100)) : GrantQuery(consumerID: p.organizationID ?? -1, page: PageRequest(limit: 100)))
        var grantRows = grants.items
        if !seesAll, let unit = p.organizationID {
            grantRows += try await store.grants(GrantQuery(providerID: unit, page: PageRequest(limit: 100))).items.filter { $0.grant.organizationID != unit }
        }
        data["grants"] = ["items": grantRows.map { grantRow($0, ctx) }, "empty": grantRows.isEmpty]
        let unused = try await store.unusedGrants(organizationID: seesAll ? nil : (p.organizationID ?? -1))
        data["unused"] = ["items": unused.map { u in grantRow(u.grant, ctx).merging(["daysActive": u.daysActive]) { a, _ in a } }, "empty": unused.isEmpty]
        return page("sharing", title: label("sharing.title", ctx), req, ctx, data: data)
    }

    static func requestPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, errors: [String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let id = try ctx.parameters.require("id", as: Int64.self)
        let r = try await store.sharingRequest(id: id)
        let bureau = try await store.bureauID()
        try AccessPolicy.canSee(consumer: r.organizationID, provider: r.providerID, bureau: bureau, p)
        let resource = try await store.resource(code: r.resourceCode)
        var data = requestRow(r, ctx)
        data["errors"] = errors
        data["hasErrors"] = !errors.isEmpty
        data["purpose"] = r.purpose
        data["legalBasis"] = r.legalBasis.isEmpty ? "—" : r.legalBasis
        data["validUntil"] = r.validUntil
        data["systemName"] = r.systemName
        data["requesterName"] = r.requesterName
        data["reason"] = r.reason ?? ""
        data["fields"] = r.fields.map { code in
            let f = resource.draft.fields.first { $0.code == code }
            return ["code": code, "name": f?.name ?? code, "sensitivity": f?.sensitivity.rawValue ?? ""]
        }
        data["events"] = r.events.map { e in
            ["at": formatDate(e.at), "actorName": e.actorName, "action": label("sharing.action.\(e.action)", ctx),
             "state": label("request.\(e.state.rawValue)", ctx), "reason": e.reason ?? ""] as [String: Any]
        }
        if let step = r.step, (try? AccessPolicy.canAnswer(step, provider: r.providerID, bureau: bureau, p)) != nil {
            var decide: [String: Any] = ["stepLabel": label("step.\(step.rawValue)", ctx)]
            if step == .bureau {
                decide["hasMasks"] = true
                decide["masks"] = r.fields.compactMap { code -> [String: Any]? in
                    guard let f = resource.draft.fields.first(where: { $0.code == code }) else { return nil }
                    let suggested = MaskKind.suggested(for: f, rules: resource.draft.rules)
                    return ["code": code, "name": f.name, "options": options(MaskKind.self, prefix: "mask", selected: suggested.rawValue, ctx)]
                }
            }
            data["decide"] = decide
        }
        if r.step != nil, (try? AccessPolicy.canRequestSharing(for: r.organizationID, p)) != nil { data["canWithdraw"] = true }
        if let grantID = r.grantID {
            let g = try await store.grant(id: grantID)
            var grant = grantRow(g, ctx)
            grant["masks"] = g.grant.fields.map { ["code": $0, "mask": label("mask.\((g.grant.masks[$0] ?? .none).rawValue)", ctx)] }
            grant["canRevoke"] = g.status == .active && (try? AccessPolicy.canRevokeGrant(provider: g.providerID, p)) != nil
            grant["revokeReason"] = g.grant.revokeReason ?? ""
            data["grant"] = grant
        }
        return page("sharingRequest", title: "\(label("sharing.request", ctx)) #\(r.id)", req, ctx, data: data, status: status)
    }

    static func decideForm(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
        try checkCSRF(form["_csrf"], ctx)
        let id = try ctx.parameters.require("id", as: Int64.self)
        let decision: RequestDecision
        switch form["decision"] {
        case "approve": decision = .approve
        case "refuse": decision = .refuse(reason: form["reason"] ?? "")
        case "withdraw": decision = .withdraw
        default: throw Problem.badRequest(field: "decision", Strings.format("v.invalidValue", ["value": form["decision"] ?? "", "allowed": "approve, refuse, withdraw"]))
        }
        var masks: [String: MaskKind] = [:]
        for (k, v) in form where k.hasPrefix("mask_") {
            if let kind = MaskKind(rawValue: v) { masks[String(k.dropFirst(5))] = kind }
        }
        let rate = form["rate"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        do {
            _ = try await store.decide(requestID: id, decision, terms: GrantTerms(masks: masks.isEmpty ? nil : masks, ratePerMinute: rate), by: p)
        } catch StoreError.invalid(let failure) {
            return try await requestPage(req, ctx, p, store: store, errors: failure.issues.map { $0.message.text(ctx.language) }, status: .unprocessableContent)
        } catch StoreError.conflict(let message) {
            return try await requestPage(req, ctx, p, store: store, errors: [message.text(ctx.language)], status: .conflict)
        }
        return redirect("/sharing/requests/\(id)")
    }

    static func requestForm(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, form: [String: String], errors: [String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let code = form["resource"] ?? req.query("resource") ?? ""
        let resource: Resource
        do { resource = try await store.resource(code: code) } catch StoreError.notFound {
            return page("message", title: label("problem.notFound", ctx), req, ctx,
                        data: ["heading": label("problem.notFound", ctx), "text": label("resource.notFound", ctx)], status: .notFound)
        }
        let systems = p.role == .admin ? try await store.systems(SystemQuery(page: PageRequest(limit: 500))).items
            : try await store.systems(organizationID: p.organizationID ?? -1)
        let d = resource.draft
        let until = form["validUntil"] ?? CalendarDate.today().adding(days: 365).description
        let data: [String: Any] = [
            "errors": errors, "hasErrors": !errors.isEmpty, "code": resource.code, "name": d.name, "sharingLabel": label("sharing.\(d.sharing.rawValue)", ctx),
            "condition": d.sharingCondition,
            "systems": systems.filter { $0.organizationID != d.providerID }.map { ["id": $0.id, "name": $0.name, "selected": form["system"] == String($0.id)] as [String: Any] },
            "fields": d.fields.filter { d.effectiveSharing(of: $0) != .notShared }.map { f in
                ["code": f.code, "name": f.name, "sensitivity": f.sensitivity.rawValue, "checked": form["field_\(f.code)"] != nil,
                 "sharingLabel": label("sharing.\(d.effectiveSharing(of: f).rawValue)", ctx)] as [String: Any]
            },
            "modes": d.sharingModes.map { ["value": $0.rawValue, "label": label("mode.\($0.rawValue)", ctx), "selected": form["mode"] == $0.rawValue] as [String: Any] },
            "purpose": form["purpose"] ?? "", "legalBasis": form["legalBasis"] ?? "", "validUntil": until,
            "shareable": d.sharing.isShareable,
        ]
        return page("sharingNew", title: label("sharing.new", ctx), req, ctx, data: data, status: status)
    }

    static func submitRequest(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
        try checkCSRF(form["_csrf"], ctx)
        let fields = form.keys.filter { $0.hasPrefix("field_") }.map { String($0.dropFirst(6)) }.sorted()
        let draft = SharingRequestDraft(
            resourceCode: form["resource"] ?? "", systemID: Int64(form["system"] ?? "") ?? 0, fields: fields,
            mode: SharingMode(rawValue: form["mode"] ?? "") ?? .api, purpose: form["purpose"] ?? "",
            legalBasis: form["legalBasis"] ?? "", validUntil: form["validUntil"] ?? "")
        do {
            let r = try await store.createSharingRequest(draft, by: p)
            return redirect("/sharing/requests/\(r.id)")
        } catch StoreError.invalid(let failure) {
            return try await requestForm(req, ctx, p, store: store, form: form, errors: failure.issues.map { $0.message.text(ctx.language) }, status: .unprocessableContent)
        } catch StoreError.notFound(let what) {
            return try await requestForm(req, ctx, p, store: store, form: form, errors: [Strings.format("problem.detail.notFound", ["what": what]).text(ctx.language)], status: .unprocessableContent)
        }
    }

    static func servicesPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let services = try await store.services()
        let orgs = try await store.organizationLookup()
        let names = Dictionary(orgs.values.map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let items = services.map { s -> [String: Any] in
            let canEdit = (try? AccessPolicy.canEdit(ownedBy: s.organizationID, p)) != nil
            return ["code": s.draft.code, "name": s.draft.name, "resourceCode": s.draft.resourceCode, "providerName": names[s.organizationID] ?? "",
                    "fields": s.draft.fields.joined(separator: ", "), "parameters": s.draft.parameters.map { $0.field + ($0.required ? "*" : "") }.joined(separator: ", "),
                    "stateLabel": label("service.\(s.state.rawValue)", ctx), "rate": s.draft.ratePerMinute,
                    "canPublish": canEdit && s.state == .draft, "canRetire": canEdit && s.state == .published]
        }
        return page("services", title: label("services.title", ctx), req, ctx, data: ["items": items, "empty": items.isEmpty])
    }
}
