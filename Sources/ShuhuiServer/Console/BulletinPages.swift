import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Console pages for the weekly bulletin: the list with the generate form, one bulletin with
/// its workflow and the A4 document, downloads, the bureau dashboard and opening balances.
extension Console {
    static func registerBulletin(_ router: Router<AppContext>, store: Store) {
        router.get("/bulletins") { req, ctx in try await guarded(req, ctx) { p in try await bulletinList(req, ctx, p, store: store) } }
        router.post("/bulletins") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                try AccessPolicy.canManageBulletins(p)
                let kind = ReportKind(rawValue: form["kind"] ?? "weekly") ?? .weekly
                let period = try BulletinAPI.parsePeriod(form["periodEnd"] ?? "", kind: kind, field: "periodEnd")
                let record = try await store.generateBulletin(period, by: p)
                return redirect("/bulletins/\(record.id)")
            }
        }
        router.get("/bulletins/{id}") { req, ctx in try await guarded(req, ctx) { p in try await bulletinPage(req, ctx, p, store: store) } }
        router.get("/bulletins/{id}/export") { req, ctx in
            try await guarded(req, ctx) { _ in
                let (_, id) = try await BulletinAPI.readable(ctx, store: store)
                return try await BulletinAPI.export(store: store, id: id, req, ctx)
            }
        }
        router.post("/bulletins/{id}/{action}") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 256 << 10))
                try checkCSRF(form["_csrf"], ctx)
                try AccessPolicy.canManageBulletins(p)
                let id = try ctx.parameters.require("id", as: Int64.self)
                switch try ctx.parameters.require("action") {
                case "edit": _ = try await store.editBulletin(id: id, work: form["work"] ?? "", by: p)
                case "check": _ = try await store.checkBulletin(id: id, by: p)
                case "issue": _ = try await store.issueBulletin(id: id, by: p)
                case "regenerate":
                    let record = try await store.bulletin(id: id)
                    guard let period = record.period else { throw Problem.notFound("bulletin \(id)") }
                    _ = try await store.generateBulletin(period, by: p)
                default: throw Problem.notFound("action")
                }
                return redirect("/bulletins/\(id)")
            }
        }
        router.get("/statistics") { req, ctx in try await guarded(req, ctx) { p in try await statisticsPage(req, ctx, p, store: store) } }
        router.get("/statistics/balances") { req, ctx in
            try await guarded(req, ctx) { p in try await balancesPage(req, ctx, p, store: store, csv: "", errors: [], imported: nil) }
        }
        router.post("/statistics/balances") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 4 << 20))
                try checkCSRF(form["_csrf"], ctx)
                try AccessPolicy.canManageBulletins(p)
                let csv = form["csv"] ?? ""
                do {
                    let n = try await store.importOpeningBalances(csv: Data(csv.utf8), by: p)
                    return try await balancesPage(req, ctx, p, store: store, csv: "", errors: [], imported: n)
                } catch StoreError.invalid(let failure) {
                    let lines = failure.issues.map { i in
                        [i.row.map { "#\($0)" }, i.column, i.message.text(ctx.language)].compactMap { $0 }.joined(separator: " · ")
                    }
                    return try await balancesPage(req, ctx, p, store: store, csv: csv, errors: lines, imported: nil, status: .unprocessableContent)
                }
            }
        }
    }

    static func bulletinList(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let list = try await store.bulletins(issuedOnly: !AccessPolicy.canReadDraftBulletins(p), page: PageRequest(limit: 100))
        let items: [[String: Any]] = list.items.map { b in
            let last = b.events.last.map { "\(label("bulletin.action.\($0.action.rawValue)", ctx)) · \($0.actorName) · \(formatDate($0.at))" } ?? ""
            return ["id": b.id, "kindLabel": label("bulletin.title.\(b.kind.rawValue)", ctx), "start": b.start, "end": b.end,
                    "stateLabel": label("bulletin.state.\(b.state.rawValue)", ctx), "lastEvent": last]
        }
        let week = ReportPeriod.week(containing: .today())
        return page("bulletins", title: label("bulletin.list.title", ctx), req, ctx, data: [
            "items": items, "empty": items.isEmpty, "canManage": p.role == .admin, "defaultEnd": week.end.description,
        ])
    }

    static func bulletinPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let (_, id) = try await BulletinAPI.readable(ctx, store: store)
        let view = try await store.bulletinView(id: id, language: ctx.language)
        let b = view.bulletin
        let html = try await store.bulletinHTML(id: id, language: ctx.language)
        // The stored page's article, so the console shows exactly what was issued.
        let article = html.range(of: "<article").flatMap { s in html.range(of: "</article>").map { String(html[s.lowerBound..<$0.upperBound]) } } ?? ""
        let data: [String: Any] = [
            "id": b.id, "end": b.end, "kindLabel": label("bulletin.title.\(b.kind.rawValue)", ctx), "stateLabel": label("bulletin.state.\(b.state.rawValue)", ctx),
            "frozen": b.state == .issued, "work": b.work, "article": article,
            "canManage": p.role == .admin && b.state != .issued, "canCheck": b.state == .draft, "canIssue": b.state == .checked,
            "attachments": view.document.attachments.map { ["n": $0.number] },
            "events": b.events.map { e in
                ["at": formatDate(e.at), "actionLabel": label("bulletin.action.\(e.action.rawValue)", ctx), "actorName": e.actorName,
                 "stateLabel": label("bulletin.state.\(e.state.rawValue)", ctx)] as [String: Any]
            },
        ]
        return page("bulletin", title: "\(label("bulletin.title.\(b.kind.rawValue)", ctx)) \(b.end)", req, ctx, data: data)
    }

    static func statisticsPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        guard AccessPolicy.canReadDraftBulletins(p) else { throw Problem.forbidden(.role(p.role)) }
        // ?weekEnding= picks a week; otherwise this week, or the latest week with activity if
        // nothing has been collected in the last eight weeks.
        var period = ReportPeriod.week(containing: .today())
        if let text = req.query("weekEnding") {
            period = try BulletinAPI.parsePeriod(text, kind: .weekly, field: "weekEnding")
        } else if let latest = try await store.latestCollectionDay(), latest < period.start.adding(days: -49) {
            period = ReportPeriod.week(containing: latest)
        }
        let view = try await store.previewBulletin(period, language: ctx.language)
        let f = view.figures
        func total(_ rows: [CounterRow], _ cumulative: Bool) -> String {
            BulletinNumber.grouped(rows.reduce(0) { $0 + (cumulative ? $1.cumulative : $1.weekly) })
        }
        var tiles: [[String: Any]] = [
            ["value": total(f.collection, false), "label": label("dashboard.collectedWeek", ctx)],
            ["value": total(f.collection, true), "label": label("dashboard.collectedTotal", ctx)],
            ["value": total(f.calls, false), "label": label("dashboard.callsWeek", ctx)],
            ["value": total(f.calls, true), "label": label("dashboard.callsTotal", ctx)],
        ]
        if f.sharingCountersAvailable {
            tiles.append(["value": total(f.push, false), "label": label("dashboard.pushedWeek", ctx)])
            tiles.append(["value": total(f.query, false), "label": label("dashboard.visitsWeek", ctx)])
        }
        let trends = try await store.unitTrends(period)
        let data: [String: Any] = [
            "start": f.start, "end": f.end, "tiles": tiles,
            "chart": TrendChart.svg(f.collectionTrend, title: label("bulletin.chart", ctx)),
            "trends": trends.units.prefix(30).map { u in
                ["unitName": u.unitName, "collectedLast": BulletinNumber.grouped(u.collected.last ?? 0), "collectedSpark": TrendChart.sparkline(u.collected),
                 "callsLast": BulletinNumber.grouped(u.calls.last ?? 0), "callsSpark": TrendChart.sparkline(u.calls)] as [String: Any]
            },
            "attachments": view.document.attachments.map { a in
                ["number": a.number, "title": a.title, "header": a.header, "rows": a.rows.map { ["cells": $0] }] as [String: Any]
            },
        ]
        return page("statistics", title: label("dashboard.title", ctx), req, ctx, data: data)
    }

    static func balancesPage(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, csv: String, errors: [String], imported: Int?,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        guard AccessPolicy.canReadDraftBulletins(p) else { throw Problem.forbidden(.role(p.role)) }
        let items: [[String: Any]] = try await store.openingBalances().map { b in
            ["organizationName": b.organizationName, "systemName": b.systemName ?? "", "measureLabel": label("balance.measure.\(b.measure.rawValue)", ctx),
             "asOf": b.asOf, "value": BulletinNumber.grouped(b.value), "note": b.note, "setBy": b.setBy, "setAt": formatDate(b.setAt)]
        }
        var data: [String: Any] = ["items": items, "canManage": p.role == .admin, "csv": csv, "hasErrors": !errors.isEmpty, "errors": errors]
        if let imported { data["imported"] = "✓ \(imported)" }
        return page("balances", title: label("balance.title", ctx), req, ctx, data: data, status: status)
    }
}
