import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Console pages for push subscriptions (数据推送) and query pages (页面查询).
extension Console {
    static func registerPushAndQuery(_ router: Router<AppContext>, store: Store) {
        router.get("/push") { req, ctx in try await guarded(req, ctx) { p in try await pushPage(req, ctx, p, store: store, errors: []) } }
        router.post("/push") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                let draft = PushSubscriptionDraft(
                    grantID: Int64(form["grantID"] ?? "") ?? 0, mode: PushMode(rawValue: form["mode"] ?? "") ?? .incremental,
                    targetKind: PushTargetKind(rawValue: form["targetKind"] ?? "") ?? .directory, target: form["target"] ?? "",
                    format: PushFormat(rawValue: form["format"] ?? "") ?? .csv, intervalMinutes: Int(form["intervalMinutes"] ?? "") ?? -1)
                do {
                    let s = try await store.createSubscription(draft, by: p)
                    return redirect("/push/\(s.subscription.id)")
                } catch StoreError.invalid(let failure) {
                    return try await pushPage(req, ctx, p, store: store, errors: failure.issues.map { $0.message.text(ctx.language) }, status: .unprocessableContent)
                }
            }
        }
        router.get("/push/{id}") { req, ctx in
            try await guarded(req, ctx) { p in
                let s = try await store.subscription(id: try ctx.parameters.require("id", as: Int64.self))
                try await store.checkCanSee(s, p)
                let deliveries = try await store.deliveries(subscriptionID: s.subscription.id)
                var data = subscriptionRow(s, ctx)
                data["canManage"] = (try? AccessPolicy.canRequestSharing(for: s.subscription.organizationID, p)) != nil && s.subscription.state != .cancelled
                data["active"] = s.subscription.state == .active
                data["deliveries"] = deliveries.map { d in
                    ["batchID": d.batchID, "records": d.records, "stateLabel": label("push.delivery.\(d.state.rawValue)", ctx), "attempts": d.attempts,
                     "range": "(\(d.from.batch), \(d.from.row)] → (\(d.to.batch), \(d.to.row)]", "error": d.lastError ?? "",
                     "createdAt": formatDate(d.createdAt), "deliveredAt": formatDate(d.deliveredAt)] as [String: Any]
                }
                data["noDeliveries"] = deliveries.isEmpty
                return page("pushDetail", title: s.subscription.code, req, ctx, data: data)
            }
        }
        router.post("/push/{id}/{action}") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                let id = try ctx.parameters.require("id", as: Int64.self)
                switch try ctx.parameters.require("action") {
                case "run": _ = try await store.runSubscriptionNow(id: id, by: p)
                case "pause": _ = try await store.setSubscriptionState(id: id, .paused, by: p)
                case "resume": _ = try await store.setSubscriptionState(id: id, .active, by: p)
                case "cancel": _ = try await store.setSubscriptionState(id: id, .cancelled, by: p)
                case let other: throw Problem.notFound(other)
                }
                return redirect("/push/\(id)")
            }
        }
        router.get("/query") { req, ctx in
            try await guarded(req, ctx) { p in
                let modules = try await store.queryModules(for: p)
                let rows = modules.map { m in
                    ["code": m.module.code, "name": m.module.name, "providerName": m.providerName, "resourceName": m.resourceName,
                     "usable": m.usable, "parameters": m.parameters.map(\.field).joined(separator: ", ")] as [String: Any]
                }
                return page("queryList", title: label("query.title", ctx), req, ctx, data: ["items": rows, "empty": rows.isEmpty])
            }
        }
        router.get("/query/{code}") { req, ctx in try await guarded(req, ctx) { p in try await queryPage(req, ctx, p, store: store) } }
    }

    static func subscriptionRow(_ s: PushSubscriptionSummary, _ ctx: AppContext) -> [String: Any] {
        let sub = s.subscription
        return ["id": sub.id, "code": sub.code, "resourceName": s.resourceName, "resourceCode": sub.resourceCode,
                "providerName": s.providerName, "organizationName": s.organizationName,
                "modeLabel": label("push.mode.\(sub.draft.mode.rawValue)", ctx), "kindLabel": label("push.kind.\(sub.draft.targetKind.rawValue)", ctx),
                "target": sub.draft.target, "format": sub.draft.format.rawValue.uppercased(),
                "schedule": sub.draft.intervalMinutes == 0 ? label("push.on_demand", ctx)
                    : Strings.format("push.every", ["n": String(sub.draft.intervalMinutes)]).text(ctx.language),
                "stateLabel": label("push.state.\(sub.state.rawValue)", ctx), "delivered": s.delivered, "records": s.recordsDelivered,
                "pending": s.pending, "lastError": sub.lastError ?? "", "nextRun": formatDate(sub.nextRunAt),
                "fields": sub.fields.joined(separator: ", ")]
    }

    static func pushPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, errors: [String],
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let subs = try await store.subscriptions(visibleTo: p)
        var data: [String: Any] = ["items": subs.map { subscriptionRow($0, ctx) }, "empty": subs.isEmpty,
                                   "errors": errors, "hasErrors": !errors.isEmpty]
        if let unit = p.organizationID, (try? AccessPolicy.canRequestSharing(for: unit, p)) != nil {
            let grants = try await store.grants(GrantQuery(consumerID: unit, page: PageRequest(limit: 100))).items
                .filter { $0.grant.mode == .push && $0.status == .active }
            if !grants.isEmpty {
                data["form"] = ["grants": grants.map { ["id": $0.grant.id, "label": "#\($0.grant.id) \($0.resourceName) · \($0.providerName)"] }]
            }
        }
        return page("push", title: label("push.title", ctx), req, ctx, data: data, status: status)
    }

    static func queryPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let code = try ctx.parameters.require("code")
        let m = try await store.queryModule(code: code, for: p)
        var query = Gateway.query(req)
        query.removeValue(forKey: "lang")
        let offset = max(Int(query.removeValue(forKey: "offset") ?? "") ?? 0, 0)
        query.removeValue(forKey: "limit")
        query = query.filter { !$0.value.isEmpty }
        var data: [String: Any] = [
            "code": m.module.code, "name": m.module.name, "providerName": m.providerName, "resourceName": m.resourceName, "usable": m.usable,
            "parameters": m.parameters.map { ["field": $0.field, "required": $0.required, "value": query[$0.field] ?? ""] as [String: Any] },
        ]
        if !query.isEmpty {
            do {
                let result = try await PushAPI.search(store, code: code, query: query, limit: 20, offset: offset, by: p)
                data["result"] = [
                    "fields": result.fields,
                    "rows": result.rows.map { row in ["cells": result.fields.map { (row[$0] ?? nil)?.description ?? "" }] },
                    "empty": result.rows.isEmpty,
                ] as [String: Any]
            } catch let problem as Problem {
                data["error"] = problem.detail.text(ctx.language)
                return page("queryPage", title: m.module.name, req, ctx, data: data, status: problem.status)
            }
        }
        return page("queryPage", title: m.module.name, req, ctx, data: data)
    }
}

extension Templates {
    /// Push and query pages.
    static let pushQueryPages: [String: String] = ["push": push, "pushDetail": pushDetail, "queryList": queryList, "queryPage": queryPage]

    static let push = """
    <h1>{{t.push.title}}</h1>
    {{#hasErrors}}<section class="card error" role="alert"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></section>{{/hasErrors}}
    <section class="card"><table class="push"><thead><tr><th>{{t.push.batch_id}}</th><th>{{t.col.name}}</th><th>{{t.col.provider}}</th><th>{{t.sharing.consumer}}</th><th>{{t.push.mode}}</th><th>{{t.push.target}}</th><th>{{t.push.schedule}}</th><th>{{t.col.status}}</th><th class="num">{{t.push.delivered}}</th><th class="num">{{t.push.records}}</th><th class="num">{{t.push.pending}}</th></tr></thead>
    <tbody>{{#items}}<tr><td class="mono"><a href="/push/{{id}}">{{code}}</a></td><td>{{resourceName}}</td><td>{{providerName}}</td><td>{{organizationName}}</td><td>{{modeLabel}}</td><td>{{kindLabel}} <span class="mono">{{target}}</span></td><td>{{schedule}}</td><td>{{stateLabel}}</td><td class="num">{{delivered}}</td><td class="num">{{records}}</td><td class="num">{{pending}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.push.none}}</p>{{/empty}}</section>
    {{#form}}<section class="card"><h2>{{t.push.new}}</h2><form method="post" action="/push" class="stack">
      <input type="hidden" name="_csrf" value="{{csrf}}">
      <label>{{t.push.grant}} <select name="grantID">{{#grants}}<option value="{{id}}">{{label}}</option>{{/grants}}</select></label>
      <label>{{t.push.mode}} <select name="mode"><option value="incremental">{{t.push.mode.incremental}}</option><option value="full">{{t.push.mode.full}}</option></select></label>
      <label>{{t.push.target}} <select name="targetKind"><option value="directory">{{t.push.kind.directory}}</option><option value="http">{{t.push.kind.http}}</option></select>
        <input name="target" required placeholder="hrss/population"></label>
      <label>{{t.push.format}} <select name="format"><option value="csv">CSV</option><option value="jsonl">JSON lines</option></select></label>
      <label>{{t.push.interval}} <input name="intervalMinutes" type="number" min="0" value="1440"></label>
      <button>{{t.push.new}}</button></form></section>{{/form}}
    """

    static let pushDetail = """
    <p class="crumbs"><a href="/push">{{t.push.title}}</a> › <span class="mono">{{code}}</span></p>
    <h1>{{resourceName}} → {{organizationName}} <span class="badge">{{stateLabel}}</span></h1>
    <section class="card"><dl class="meta">
      <dt>{{t.col.code}}</dt><dd class="mono"><a href="/catalog/{{resourceCode}}">{{resourceCode}}</a></dd>
      <dt>{{t.col.provider}}</dt><dd>{{providerName}}</dd>
      <dt>{{t.push.mode}}</dt><dd>{{modeLabel}} · {{format}}</dd>
      <dt>{{t.push.target}}</dt><dd>{{kindLabel}} <span class="mono">{{target}}</span></dd>
      <dt>{{t.push.schedule}}</dt><dd>{{schedule}}{{#nextRun}} · {{nextRun}}{{/nextRun}}</dd>
      <dt>{{t.sharing.fields}}</dt><dd class="mono">{{fields}}</dd>
      <dt>{{t.push.records}}</dt><dd>{{records}} ({{delivered}})</dd>
      {{#lastError}}<dt>{{t.push.last_error}}</dt><dd class="error">{{lastError}}</dd>{{/lastError}}
    </dl>
    {{#canManage}}<div class="actions">
      {{#active}}<form method="post" action="/push/{{id}}/run"><input type="hidden" name="_csrf" value="{{csrf}}"><button>{{t.push.run_now}}</button></form>
      <form method="post" action="/push/{{id}}/pause"><input type="hidden" name="_csrf" value="{{csrf}}"><button>{{t.push.pause}}</button></form>{{/active}}
      {{^active}}<form method="post" action="/push/{{id}}/resume"><input type="hidden" name="_csrf" value="{{csrf}}"><button>{{t.push.resume}}</button></form>{{/active}}
      <form method="post" action="/push/{{id}}/cancel"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="danger">{{t.push.cancel}}</button></form>
    </div>{{/canManage}}</section>
    <section class="card"><h2>{{t.push.delivered}}</h2><table><thead><tr><th>{{t.push.batch_id}}</th><th class="num">{{t.push.records}}</th><th>{{t.col.status}}</th><th class="num">{{t.push.attempts}}</th><th>{{t.col.time}}</th><th>{{t.push.last_error}}</th></tr></thead>
    <tbody>{{#deliveries}}<tr><td class="mono">{{batchID}}</td><td class="num">{{records}}</td><td>{{stateLabel}}</td><td class="num">{{attempts}}</td><td>{{createdAt}}{{#deliveredAt}} → {{deliveredAt}}{{/deliveredAt}}</td><td>{{error}}</td></tr>{{/deliveries}}</tbody></table>
    {{#noDeliveries}}<p class="empty">{{t.push.none}}</p>{{/noDeliveries}}</section>
    """

    static let queryList = """
    <h1>{{t.query.title}}</h1>
    <section class="card"><table><thead><tr><th>{{t.query.module}}</th><th>{{t.query.provider}}</th><th>{{t.query.resource}}</th><th>{{t.col.status}}</th></tr></thead>
    <tbody>{{#items}}<tr><td><a href="/query/{{code}}">{{name}}</a> <span class="mono muted">{{code}}</span></td><td>{{providerName}}</td><td>{{resourceName}}</td><td>{{#usable}}<span class="badge">{{t.query.usable}}</span>{{/usable}}{{^usable}}<span class="muted">{{t.query.not_usable}}</span>{{/usable}}</td></tr>{{/items}}</tbody></table>
    {{#empty}}<p class="empty">{{t.query.none}}</p>{{/empty}}</section>
    """

    static let queryPage = """
    <p class="crumbs"><a href="/query">{{t.query.title}}</a> › <span class="mono">{{code}}</span></p>
    <h1>{{name}}</h1><p class="muted">{{providerName}} · {{resourceName}}</p>
    {{^usable}}<section class="card error" role="alert"><p>{{t.query.no_grant}}</p></section>{{/usable}}
    <section class="card"><form method="get" action="/query/{{code}}" class="stack" id="query-form">
      {{#parameters}}<label>{{field}}{{#required}} <small>({{t.query.required}})</small>{{/required}} <input name="{{field}}" value="{{value}}"{{#required}} required{{/required}}></label>{{/parameters}}
      <button>{{t.query.search}}</button></form></section>
    {{#error}}<section class="card error" role="alert"><p>{{error}}</p></section>{{/error}}
    {{#result}}<section class="card" id="query-results"><h2>{{t.query.results}}</h2>
      <table><thead><tr>{{#fields}}<th>{{.}}</th>{{/fields}}</tr></thead><tbody>{{#rows}}<tr>{{#cells}}<td class="mono">{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody></table>
      {{#empty}}<p class="empty">{{t.query.no_results}}</p>{{/empty}}</section>{{/result}}
    """
}
