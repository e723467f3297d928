import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

/// Indicators (指标) with rankings and trends, targets with deadlines, tasks with monthly
/// filings, and the one-window summary the bulletin reads.
enum IndicatorAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .get, path: "/api/v1/indicators", tag: "indicators", summary: "Indicators defined, in order", response: "IndicatorList")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.indicators()])
        }
        api.add(.init(method: .put, path: "/api/v1/indicators/{code}", tag: "indicators",
                      summary: "Define an indicator (the bureau): name, unit of measure, period, better higher/lower, percent, decimals, formula `a / b`",
                      body: "IndicatorDraft", response: "Indicator")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            let draft = try await JSONBody.decode(IndicatorDraft.self, req, context: ctx)
            guard draft.code == code else { throw Problem.badRequest(field: "code", Strings.format("ow.bad_indicator_code", ["value": draft.code])) }
            return try Reply.json(try await store.saveIndicator(draft, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/one-window/import/indicators", tag: "indicators",
                      summary: "Import per-unit values (单位, 统计期 or ?period=, a column per indicator by name or code) from CSV/XLSX; all or nothing",
                      query: [("filename", "string"), ("period", "string")], body: "spreadsheet", response: "IndicatorImportReport")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let data = try await CatalogAPI.collect(req, limit: CatalogAPI.importLimit)
            return try Reply.json(try await store.importIndicatorValues(data: data, filename: req.query("filename"), period: req.query("period"), by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/export/indicators", tag: "indicators", summary: "One period's values in the import layout",
                      query: [("period", "string"), ("format", "string")], response: "spreadsheet")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let latest = try await store.indicatorPeriods().last
            guard let period = req.query("period") ?? latest else { throw Problem.badRequest(field: "period", Strings["v.required"]) }
            return try CatalogAPI.spreadsheet(try await store.exportIndicatorRows(period: period), format: req.query("format") ?? "xlsx", name: "indicators", sheetName: "指标")
        }
        api.add(.init(method: .get, path: "/api/v1/indicator-ranking", tag: "indicators",
                      summary: "A ranking table (like the July 2018 bulletin's 附件 2/3) with the 合计 computed from summed bases",
                      query: [("period", "string"), ("columns", "string"), ("rankBy", "string"), ("scope", "string")], response: "IndicatorRanking")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let columns = req.query("columns").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            return try Reply.json(try await store.indicatorRanking(period: req.query("period"), columns: columns, rankBy: req.query("rankBy"),
                                                                   scope: try req.enumQuery("scope", IndicatorScope.self) ?? .all))
        }
        api.add(.init(method: .get, path: "/api/v1/indicators/{code}/trend", tag: "indicators", summary: "The indicator's 合计 in every period",
                      query: [("scope", "string")], response: "IndicatorTrend")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.indicatorTrend(code: try ctx.parameters.require("code"), scope: try req.enumQuery("scope", IndicatorScope.self) ?? .all)])
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/targets", tag: "one-window",
                      summary: "Targets with deadlines and progress (TOP-100 by 30 June; 80% of matters by 31 December; pilot districts 50% nearby)",
                      query: [("asOf", "string")], response: "TargetProgressList")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.targetProgress(today: try OneWindowAPI.day(req) ?? CalendarDate.today())])
        }
        api.add(.init(method: .put, path: "/api/v1/one-window/targets/{code}", tag: "one-window", summary: "Set a target (the bureau)",
                      body: "OneWindowTarget", response: "OneWindowTarget")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let target = try await JSONBody.decode(OneWindowTarget.self, req, context: ctx)
            guard target.code == (try ctx.parameters.require("code")) else { throw Problem.badRequest(field: "code", Strings.format("ow.bad_indicator_code", ["value": target.code])) }
            return try Reply.json(try await store.saveTarget(target, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/summary", tag: "one-window",
                      summary: "The one-window figures on a day (default today), as the weekly bulletin's section 三 uses them",
                      query: [("asOf", "string")], response: "OneWindowSummary")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.oneWindowSummary(asOf: try OneWindowAPI.day(req) ?? CalendarDate.today()))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/tasks", tag: "one-window", summary: "Tasks and sub-tasks with owners, the month's filing and overdue marks",
                      query: [("month", "string")], response: "TaskBoard")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let today = CalendarDate.today()
            let month = req.query("month") ?? String(today.description.prefix(7))
            return try Reply.json(try await store.taskBoard(month: month, today: today))
        }
        api.add(.init(method: .post, path: "/api/v1/one-window/tasks", tag: "one-window", summary: "Create a task or sub-task (the bureau)",
                      body: "TaskDraft", response: "CreatedID", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(TaskDraft.self, req, context: ctx)
            return try Reply.json(["id": try await store.createTask(draft, by: p)], status: .created)
        }
        api.add(.init(method: .post, path: "/api/v1/one-window/tasks/{id}/filings", tag: "one-window",
                      summary: "File a task's monthly progress (the responsible unit or the bureau)", body: "TaskFilingInput", status: 204)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(TaskFilingInput.self, req, context: ctx)
            try await store.fileTask(id: try ctx.parameters.require("id", as: Int64.self), month: input.month, progress: input.progress, done: input.done ?? false, by: p)
            return Reply.noContent()
        }
    }
}
