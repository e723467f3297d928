import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

/// Matters (事项), system joins and the joining reports.
enum MatterAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .get, path: "/api/v1/matters", tag: "one-window",
                      summary: "Service matters with their one-window join status; status=inForce (default), retired or all",
                      query: [("organizationID", "integer"), ("level", "string"), ("joined", "boolean"), ("top100", "boolean"), ("q", "string"),
                              ("status", "string"), ("limit", "integer"), ("offset", "integer")], response: "MatterPage")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let q = MatterQuery(organizationID: try req.intQuery("organizationID").map(Int64.init), level: try req.enumQuery("level", MatterLevel.self),
                                joined: try OneWindowAPI.bool(req, "joined"), top100: try OneWindowAPI.bool(req, "top100"), text: req.query("q"),
                                standing: try req.enumQuery("status", MatterStanding.self) ?? .inForce,
                                page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset")))
            return try Reply.json(try await store.matters(q))
        }
        api.add(.init(method: .post, path: "/api/v1/matters", tag: "one-window", summary: "Register a matter (the bureau, or the unit's data officer for its own unit)",
                      body: "MatterDraft", response: "Matter", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(MatterDraft.self, req, context: ctx)
            return try Reply.json(try await store.createMatter(draft, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/matters/{code}", tag: "one-window", summary: "One matter by 实施编码", response: "Matter")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.matter(code: try ctx.parameters.require("code")))
        }
        api.add(.init(method: .put, path: "/api/v1/matters/{code}", tag: "one-window", summary: "Replace a matter's fields (its code and unit stay)",
                      body: "MatterDraft", response: "Matter")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(MatterDraft.self, req, context: ctx)
            return try Reply.json(try await store.updateMatter(code: try ctx.parameters.require("code"), draft, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/matters/{code}/retire", tag: "one-window",
                      summary: "Retire a matter (事项取消/停用) from a day on (default today), with a reason; it stays for history and exports, leaves the in-force catalog, TOP-N, join rates and targets, and takes no new case (as matter editing: the bureau, or the unit's data officer)",
                      body: "MatterRetireInput", response: "Matter")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(MatterRetireInput.self, req, context: ctx)
            return try Reply.json(try await store.retireMatter(code: try ctx.parameters.require("code"), input, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/matters/{code}/reinstate", tag: "one-window",
                      summary: "Put a retired matter back in force (as matter editing)", response: "Matter")) { _, ctx in
            let p = try ctx.requirePrincipal()
            return try Reply.json(try await store.reinstateMatter(code: try ctx.parameters.require("code"), by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/one-window/import/matters", tag: "one-window",
                      summary: "Import the matters spreadsheet (附件 1–3 columns; XLSX or CSV); all or nothing, errors by sheet/row/column",
                      query: [("filename", "string")], body: "spreadsheet", response: "MatterImportReport")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let data = try await CatalogAPI.collect(req, limit: CatalogAPI.importLimit)
            return try Reply.json(try await store.importMatters(data: data, filename: req.query("filename"), by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/export/matters", tag: "one-window", summary: "The matters in the import layout (xlsx or csv)",
                      query: [("format", "string"), ("organizationID", "integer")], response: "spreadsheet")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let rows = try await store.exportMatterRows(organizationID: try req.intQuery("organizationID").map(Int64.init))
            return try CatalogAPI.spreadsheet(rows, format: req.query("format") ?? "xlsx", name: "matters", sheetName: "事项")
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/joins", tag: "one-window", summary: "Systems with their one-window plan and join (date, mode, batch)",
                      query: [("organizationID", "integer"), ("planned", "boolean")], response: "SystemJoinList")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let items = try await store.systemJoins(organizationID: try req.intQuery("organizationID").map(Int64.init), plannedOnly: try OneWindowAPI.bool(req, "planned") ?? false)
            return try Reply.json(["items": items])
        }
        api.add(.init(method: .put, path: "/api/v1/one-window/joins/{id}", tag: "one-window", summary: "Set a system's plan and join (the bureau, or the system's unit)",
                      body: "SystemJoinInput", response: "SystemJoin")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let input = try await JSONBody.decode(SystemJoinInput.self, req, context: ctx)
            return try Reply.json(try await store.setSystemJoin(systemID: try ctx.parameters.require("id", as: Int64.self), input, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/one-window/import/joins", tag: "one-window",
                      summary: "Import system joins (单位, 系统名称, 计划接入, 已接入, 接入日期, 对接方式, 对接批次); all or nothing; mode=replace makes the file the whole plan of the units it names",
                      query: [("filename", "string"), ("mode", "string")], body: "spreadsheet", response: "JoinImportReport")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let mode = req.query("mode") ?? "merge"
            guard mode == "merge" || mode == "replace" else {
                throw Problem.badRequest(field: "mode", Strings.format("v.invalidValue", ["value": mode, "allowed": "merge, replace"]))
            }
            let data = try await CatalogAPI.collect(req, limit: CatalogAPI.importLimit)
            return try Reply.json(try await store.importSystemJoins(data: data, filename: req.query("filename"), replace: mode == "replace", by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/export/joins", tag: "one-window", summary: "Planned systems in the joins import layout",
                      query: [("format", "string")], response: "spreadsheet")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try CatalogAPI.spreadsheet(try await store.exportSystemJoinRows(), format: req.query("format") ?? "xlsx", name: "joins", sheetName: "系统接入")
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/report/systems", tag: "one-window",
                      summary: "全市自建业务办理系统接入统计表 (July 2018 bulletin 附件 1): per unit planned, joined, rate; 市本级, 各区县, 总计; laggards",
                      query: [("asOf", "string")], response: "SystemJoinReport")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.systemJoinReport(asOf: try OneWindowAPI.day(req)))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/report/top100", tag: "one-window",
                      summary: "办件量前 100 事项接入情况 (May 2018 bulletin 附件 6): per unit confirmed, joined, share",
                      query: [("asOf", "string")], response: "TopMatterJoinReport")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.topMatterJoinReport(asOf: try OneWindowAPI.day(req)))
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/top-matters", tag: "one-window", summary: "The N matters with most cases last year, per level",
                      query: [("level", "string"), ("n", "integer")], response: "MatterList")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.topMatters(level: try req.enumQuery("level", MatterLevel.self), n: try req.intQuery("n") ?? 100)])
        }
        api.add(.init(method: .get, path: "/api/v1/one-window/online", tag: "one-window",
                      summary: "网上办事: matters online, with and without the five exception categories", query: [("level", "string")], response: "OnlineHandling")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(OnlineView(try await store.onlineHandling(level: try req.enumQuery("level", MatterLevel.self))))
        }
    }
}

/// 网上办事 figures with both rates.
struct OnlineView: Encodable {
    var matters: Int
    var online: Int
    var exceptions: Int
    var byException: [String: Int]
    var rate: Rate
    var rateWithoutExceptions: Rate

    init(_ o: OnlineHandling) {
        matters = o.matters
        online = o.online
        exceptions = o.exceptions
        byException = o.byException
        rate = o.rate
        rateWithoutExceptions = o.rateWithoutExceptions
    }
}
