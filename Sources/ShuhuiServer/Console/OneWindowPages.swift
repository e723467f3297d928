import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Console pages for the one-window platform: progress (the bulletin's tables, targets,
/// online handling, case counts, bundles, tasks), matters with their join status, cases with
/// their history and allowed actions, and the indicator ranking.
extension Console {
    static func registerOneWindow(_ router: Router<AppContext>, store: Store) {
        router.get("/one-window") { req, ctx in try await guarded(req, ctx) { _ in try await progressPage(req, ctx, store: store) } }
        router.get("/one-window/matters") { req, ctx in try await guarded(req, ctx) { p in try await mattersPage(req, ctx, p, store: store) } }
        router.get("/one-window/cases") { req, ctx in try await guarded(req, ctx) { p in try await casesPage(req, ctx, p, store: store) } }
        router.get("/one-window/cases/{id}") { req, ctx in try await guarded(req, ctx) { p in try await casePage(req, ctx, p, store: store, error: nil) } }
        router.post("/one-window/cases/{id}") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                let id = try ctx.parameters.require("id", as: Int64.self)
                guard let action = CaseAction(rawValue: form["action"] ?? "") else { throw Problem.badRequest(field: "action", Strings["v.required"]) }
                do {
                    _ = try await store.act(caseID: id, action, reason: form["reason"], by: p)
                } catch let StoreError.invalid(failure) {
                    return try await casePage(req, ctx, p, store: store, error: failure.issues.map { $0.message.text(ctx.language) }.joined(separator: "; "))
                } catch let StoreError.conflict(message) {
                    return try await casePage(req, ctx, p, store: store, error: message.text(ctx.language))
                }
                return redirect("/one-window/cases/\(id)")
            }
        }
        router.get("/one-window/indicators") { req, ctx in try await guarded(req, ctx) { _ in try await indicatorsPage(req, ctx, store: store) } }
        router.get("/one-window/import") { req, ctx in
            try await guarded(req, ctx) { _ in page("oneWindowImport", title: label("ow.title.import", ctx), req, ctx, data: [:]) }
        }
        router.post("/one-window/import") { req, ctx in try await guarded(req, ctx) { p in try await oneWindowImport(req, ctx, p, store: store) } }
        registerOneWindowForms(router, store: store)
    }

    /// One of the three spreadsheets (matters, joins, indicator values), all or nothing; the
    /// errors are listed by sheet, row and column.
    static func oneWindowImport(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let body = try await CatalogAPI.collect(req, limit: CatalogAPI.importLimit)
        guard let form = MultipartForm(contentType: req.headers[.contentType] ?? "", body: body), let file = form["file"] else {
            throw Problem.badRequest(field: "file", Strings["v.required"])
        }
        func field(_ name: String) -> String? { form[name].map { String(decoding: $0.data, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 } }
        try checkCSRF(field("_csrf"), ctx)
        var data: [String: Any] = [:]
        var status = HTTPResponse.Status.ok
        do {
            switch field("kind") {
            case "matters":
                let r = try await store.importMatters(data: file.data, filename: file.filename, by: p)
                data["ok"] = Strings.format("ow.import.matters", ["created": String(r.created.count), "updated": String(r.updated.count), "unchanged": String(r.unchanged.count)]).text(ctx.language)
            case "joins":
                let r = try await store.importSystemJoins(data: file.data, filename: file.filename, replace: field("replace") == "on", by: p)
                data["ok"] = Strings.format("ow.import.joins", ["systems": String(r.systems), "joined": String(r.joined)]).text(ctx.language)
            case "indicators":
                let r = try await store.importIndicatorValues(data: file.data, filename: file.filename, period: field("period"), by: p)
                data["ok"] = Strings.format("ow.import.indicators", ["values": String(r.values), "units": String(r.units), "periods": r.periods.joined(separator: "、")]).text(ctx.language)
            default:
                throw Problem.badRequest(field: "kind", Strings.format("v.invalidValue", ["value": field("kind") ?? "", "allowed": "matters, joins, indicators"]))
            }
        } catch let error as CatalogImportError {
            status = importFailure(error, into: &data, ctx)
        }
        return page("oneWindowImport", title: label("ow.title.import", ctx), req, ctx, data: data, status: status)
    }

    static func tallyRow(_ t: JoinTally) -> [String: Any] {
        ["rank": t.rank == 0 ? "" : String(t.rank), "name": t.name, "planned": t.planned, "joined": t.joined, "rate": t.rate.formatted()]
    }

    static func progressPage(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let today = CalendarDate.today()
        let summary = try await store.oneWindowSummary(asOf: today)
        let systems = try await store.systemJoinReport()
        let top = try await store.topMatterJoinReport()
        let online = summary.online
        let counts = try await store.caseCounts(by: .unit)
        let weeks = try await store.caseCounts(by: .week, from: today.adding(days: -27))
        let targets = try await store.targetProgress(today: today)
        let bundles = try await store.bundles()
        let tasks = try await store.taskBoard(month: String(today.description.prefix(7)), today: today)
        let lang = ctx.language
        func countRow(_ c: CaseCount) -> [String: Any] { ["name": c.name, "received": c.received, "accepted": c.accepted, "completed": c.completed, "overdue": c.overdue] }
        let data: [String: Any] = [
            "tiles": [
                ["value": "\(summary.matters.joined) / \(summary.matters.planned)", "label": label("ow.title.matters", ctx) + " · " + label("ow.joined", ctx)],
                ["value": summary.systems.rate.formatted(), "label": label("ow.col.systemRate", ctx)],
                ["value": summary.top100.rate.formatted(), "label": "TOP100 · " + label("ow.col.share", ctx)],
                ["value": online.rate.formatted(decimals: 1), "label": label("ow.title.online", ctx)],
            ],
            "casesText": Strings.format("ow.cases.text", ["received": String(summary.cases.received), "accepted": String(summary.cases.accepted),
                                                          "completed": String(summary.cases.completed)]).text(lang),
            "onlineText": Strings.format("ow.online.text", ["matters": String(online.matters), "online": String(online.online), "rate": online.rate.formatted(decimals: 1),
                                                            "exceptions": String(online.exceptions), "rate2": online.rateWithoutExceptions.formatted(decimals: 0)]).text(lang),
            "bundleText": Strings.format("ow.bundle.text", ["matters": String(summary.bundles.mattersMerged), "bundles": String(summary.bundles.bundles)]).text(lang),
            "systems": systems.rows.map(tallyRow), "systemsTotal": tallyRow(systems.total), "municipal": tallyRow(systems.municipal),
            "districts": tallyRow(systems.districts), "laggardText": systems.laggardText.text(lang),
            "top": top.rows.map(tallyRow), "topTotal": tallyRow(top.total),
            "targets": targets.map { t in
                ["label": label("ow.target.\(t.target.kind.rawValue)", ctx), "scope": t.scope, "deadline": t.target.deadline, "goal": "\(t.target.percent)%",
                 "rate": t.rate.formatted(), "met": t.met, "overdue": t.overdue] as [String: Any]
            },
            "counts": counts.rows.map(countRow), "countsTotal": countRow(counts.total), "weeks": weeks.rows.map(countRow),
            "bundles": bundles.map { b in
                ["name": b.name, "unit": b.organizationName, "matters": b.matters.map(\.name).joined(separator: "、"), "count": b.matters.count,
                 "applications": b.applications, "completed": b.completed] as [String: Any]
            },
            "tasks": tasks.items.map { t in
                ["title": t.title, "sub": t.parentID != nil, "unit": t.organizationName, "owner": t.owner, "due": t.dueOn, "filed": t.filed,
                 "progress": t.progress ?? "", "overdue": t.overdue] as [String: Any]
            },
            "taskSummary": "\(tasks.tasks) / \(tasks.subtasks) · \(label("ow.col.overdue", ctx)) \(tasks.overdue)",
        ]
        return page("oneWindow", title: label("ow.title.progress", ctx), req, ctx, data: data)
    }

    /// The matters list with its filters; each row offers 停用 or 恢复 where `p` may edit the
    /// matter (`failure`: a refused retirement, shown above the list).
    static func mattersPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, failure: FormFailure? = nil) async throws -> Response {
        let orgs = try await store.organizations()
        let unit = try req.intQuery("org").map(Int64.init)
        let joined = try OneWindowAPI.bool(req, "joined")
        let standing = try req.enumQuery("status", MatterStanding.self) ?? .inForce
        let pageRequest = PageRequest(limit: 50, offset: try req.intQuery("offset"))
        let list = try await store.matters(MatterQuery(organizationID: unit, joined: joined, text: req.query("q"), standing: standing, page: pageRequest))
        let today = CalendarDate.today()
        var data: [String: Any] = [
            "orgOptions": orgOptions(orgs, selected: unit), "q": req.query("q") ?? "",
            "joinedYes": joined == true, "joinedNo": joined == false,
            "standings": options(MatterStanding.self, prefix: "ow.standing", selected: standing.rawValue, ctx),
            "items": list.items.map { m in
                let d = m.draft
                let mayEdit = (try? AccessPolicy.canEditMatter(ownedBy: d.organizationID, p)) != nil
                return ["code": d.code, "name": d.name, "unit": m.organizationName, "kind": label("ow.kind.\(d.kind.rawValue)", ctx),
                        "level": label("ow.level.\(d.level.rawValue)", ctx), "promised": d.promisedDays.map(String.init) ?? "—", "volume": d.caseVolume,
                        "system": m.systemDisplayName, "joined": d.join.joined, "joinedOn": d.join.joinedOn ?? "",
                        "mode": d.join.mode.map { label("ow.mode.\($0.rawValue)", ctx) } ?? "", "batch": d.join.batch ?? "", "top100": d.top100,
                        "online": d.online, "exception": d.onlineException.map { label("ow.exception.\($0.rawValue)", ctx) } ?? "",
                        "retired": !m.isInForce(on: today), "retiredOn": m.retirement?.retiredOn ?? "", "retiredReason": m.retirement?.reason ?? "",
                        "mayRetire": mayEdit && m.retirement == nil, "mayReinstate": mayEdit && m.retirement != nil] as [String: Any]
            },
            "total": list.total, "pager": pager(req, ctx, total: list.total, page: pageRequest),
        ]
        if let failure { data["failure"] = failure.templateData }
        return page("oneWindowMatters", title: label("ow.title.matters", ctx), req, ctx, data: data, status: failure?.status ?? .ok)
    }

    static func caseRow(_ c: CaseRecord, _ ctx: AppContext) -> [String: Any] {
        ["id": c.id, "matter": c.matterName, "matterCode": c.matterCode, "unit": c.organizationName, "applicant": c.applicant,
         "state": label("case.\(c.state.rawValue)", ctx), "received": formatDate(c.receivedAt), "due": c.dueOn ?? (c.paused ? label("ow.paused", ctx) : "—"),
         "overdue": c.overdue]
    }

    static func casesPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let pageRequest = PageRequest(limit: 50, offset: try req.intQuery("offset"))
        let unit: Int64? = OneWindowAPI.seesAllCases(p) ? nil : (p.organizationID ?? -1)
        let list = try await store.cases(CaseQuery(matterCode: req.query("matter"), organizationID: unit, state: try req.enumQuery("state", CaseState.self), page: pageRequest))
        let data: [String: Any] = ["items": list.items.map { caseRow($0, ctx) }, "total": list.total, "pager": pager(req, ctx, total: list.total, page: pageRequest),
                                   "stateOptions": options(CaseState.self, prefix: "case", selected: req.query("state"), ctx)]
        return page("oneWindowCases", title: label("nav.cases", ctx), req, ctx, data: data)
    }

    static func casePage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, error: String?) async throws -> Response {
        let c = try await store.caseRecord(id: try ctx.parameters.require("id", as: Int64.self))
        if !OneWindowAPI.seesAllCases(p) && p.organizationID != c.organizationID { throw AccessDenial.scope(ownUnit: p.organizationID) }
        let mayAct = (try? AccessPolicy.canHandleCase(ofUnit: c.organizationID, p)) != nil
        var data = caseRow(c, ctx)
        data["acceptedOn"] = c.acceptedOn ?? "—"
        data["completedOn"] = c.completedOn ?? "—"
        data["remaining"] = c.remainingDays.map(String.init) ?? "—"
        data["promised"] = c.clock.map { String($0.promisedDays) } ?? "—"
        data["paused"] = c.paused
        data["reason"] = c.reason ?? ""
        data["error"] = error ?? ""
        data["hasError"] = error != nil
        data["events"] = c.events.map { e in
            ["at": formatDate(e.at), "actor": e.actorName, "action": label("case.action.\(e.action)", ctx), "state": label("case.\(e.state.rawValue)", ctx),
             "reason": e.reason ?? ""] as [String: Any]
        }
        data["actions"] = mayAct ? c.allowedActions.map { ["value": $0.rawValue, "label": label("case.action.\($0.rawValue)", ctx), "needsReason": $0.needsReason] as [String: Any] } : []
        data["mayAct"] = mayAct && !c.allowedActions.isEmpty
        return page("oneWindowCase", title: label("ow.title.case", ctx) + " #\(c.id)", req, ctx, data: data, status: error == nil ? .ok : .unprocessableContent)
    }

    static func indicatorsPage(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let periods = try await store.indicatorPeriods()
        let scope = try req.enumQuery("scope", IndicatorScope.self) ?? .district
        let period = req.query("period") ?? periods.last
        let defined = try await store.indicators().map(\.draft.code)
        let rankBy = req.query("rankBy") ?? (defined.contains("daily_active_rate") ? "daily_active_rate" : nil)
        let table = try await store.indicatorRanking(period: period, columns: nil, rankBy: rankBy, scope: scope)
        let codes = table.columns.map(\.code)
        var trend: [[String: Any]] = []
        if !table.rankedBy.isEmpty, defined.contains(table.rankedBy) {
            trend = try await store.indicatorTrend(code: table.rankedBy, scope: scope).map { ["period": $0.period, "text": $0.total.text, "units": $0.units] }
        }
        let data: [String: Any] = [
            "trend": trend, "hasTrend": !trend.isEmpty, "trendName": table.columns.first { $0.code == table.rankedBy }?.name ?? table.rankedBy,
            "periods": periods.reversed().map { ["value": $0, "selected": $0 == table.period] as [String: Any] },
            "scopes": IndicatorScope.allCases.map { ["value": $0.rawValue, "label": label("ow.scope.\($0.rawValue)", ctx), "selected": $0 == scope] as [String: Any] },
            "columns": table.columns.map { ["name": $0.name] },
            "rows": table.rows.map { r in ["rank": r.rank, "name": r.organizationName, "cells": codes.map { ["text": r.cells[$0]?.text ?? "—"] }] as [String: Any] },
            "total": codes.map { ["text": table.total[$0]?.text ?? "—"] },
            "period": table.period,
        ]
        return page("oneWindowIndicators", title: label("ow.title.indicators", ctx), req, ctx, data: data)
    }
}
