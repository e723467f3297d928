import Foundation
import Hummingbird
import ShuhuiCore
import ShuhuiStore

/// Body of `POST /api/v1/bulletins`.
struct GenerateInput: StrictInput {
    var kind: ReportKind?
    var periodEnd: String
    static var knownKeys: Set<String> { ["kind", "periodEnd"] }
}

/// Body of `PUT /api/v1/bulletins/{id}`.
struct EditInput: StrictInput {
    var work: String
    static var knownKeys: Set<String> { ["work"] }
}

extension BulletinSettingsInput: StrictInput {
    static var knownKeys: Set<String> { ["heading", "bureau", "signature", "reportTo", "copyTo", "topUnits"] }
}

/// The weekly bulletin and its statistics: `/api/v1/bulletins/*`, `/api/v1/statistics/*`.
enum BulletinAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .get, path: "/api/v1/bulletins", tag: "bulletin",
                      summary: "Past and current bulletins, newest first (issued ones for everyone; drafts for the bureau's administrators and auditors)",
                      query: [("kind", "string"), ("limit", "integer"), ("offset", "integer")], response: "BulletinPage")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let page = PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset"))
            return try Reply.json(try await store.bulletins(kind: try req.enumQuery("kind", ReportKind.self),
                                                            issuedOnly: !AccessPolicy.canReadDraftBulletins(p), page: page))
        }
        api.add(.init(method: .post, path: "/api/v1/bulletins", tag: "bulletin",
                      summary: "Generate the draft for the week ending on a Friday (or the month ending on its last day), or regenerate an unissued one (administrators)",
                      body: "GenerateInput", response: "Bulletin", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            try AccessPolicy.canManageBulletins(p)
            let input = try await JSONBody.decode(GenerateInput.self, req, context: ctx)
            let period = try parsePeriod(input.periodEnd, kind: input.kind ?? .weekly, field: "periodEnd")
            return try Reply.json(try await store.generateBulletin(period, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/bulletins/{id}", tag: "bulletin",
                      summary: "A bulletin with its figures and document (Accept-Language picks zh-CN or en)", response: "BulletinView")) { _, ctx in
            let (_, id) = try await readable(ctx, store: store)
            return try Reply.json(try await store.bulletinView(id: id, language: ctx.language))
        }
        api.add(.init(method: .put, path: "/api/v1/bulletins/{id}", tag: "bulletin",
                      summary: "Write section 一 (面上工作), one paragraph per line; a checked bulletin returns to draft (administrators)",
                      body: "EditInput", response: "Bulletin")) { req, ctx in
            let p = try ctx.requirePrincipal()
            try AccessPolicy.canManageBulletins(p)
            let id = try ctx.parameters.require("id", as: Int64.self)
            let input = try await JSONBody.decode(EditInput.self, req, context: ctx)
            return try Reply.json(try await store.editBulletin(id: id, work: input.work, by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/bulletins/{id}/check", tag: "bulletin",
                      summary: "Mark a draft checked; its figures are kept as they are now (administrators)", response: "Bulletin")) { _, ctx in
            let p = try ctx.requirePrincipal()
            try AccessPolicy.canManageBulletins(p)
            return try Reply.json(try await store.checkBulletin(id: try ctx.parameters.require("id", as: Int64.self), by: p))
        }
        api.add(.init(method: .post, path: "/api/v1/bulletins/{id}/issue", tag: "bulletin",
                      summary: "Issue a checked bulletin; its content is frozen from then on (administrators)", response: "Bulletin")) { _, ctx in
            let p = try ctx.requirePrincipal()
            try AccessPolicy.canManageBulletins(p)
            return try Reply.json(try await store.issueBulletin(id: try ctx.parameters.require("id", as: Int64.self), by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/bulletins/{id}/export", tag: "bulletin",
                      summary: "The bulletin as html (A4 print CSS), xlsx (one sheet per attachment), docx, or csv (one attachment, `attachment`=1…)",
                      query: [("format", "string"), ("attachment", "integer")], response: "bulletinFile")) { req, ctx in
            let (_, id) = try await readable(ctx, store: store)
            return try await export(store: store, id: id, req, ctx)
        }
        api.add(.init(method: .get, path: "/api/v1/statistics/bulletin", tag: "bulletin",
                      summary: "Live figures and document for any period, nothing stored (administrators and auditors)",
                      query: [("kind", "string"), ("periodEnd", "string")], response: "BulletinView")) { req, ctx in
            let p = try ctx.requirePrincipal()
            guard AccessPolicy.canReadDraftBulletins(p) else { throw AccessDenial.role(p.role) }
            let kind = try req.enumQuery("kind", ReportKind.self) ?? .weekly
            let period: ReportPeriod
            if let end = req.query("periodEnd") {
                period = try parsePeriod(end, kind: kind, field: "periodEnd")
            } else {
                period = kind == .weekly ? .week(containing: .today()) : .month(containing: .today())
            }
            return try Reply.json(try await store.previewBulletin(period, language: ctx.language))
        }
        api.add(.init(method: .get, path: "/api/v1/settings/bulletin", tag: "bulletin",
                      summary: "The bulletin's frame as the bureau words it (heading, 报/抄送 lists, signature) and how many units each attachment lists",
                      response: "BulletinSettingsInput")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.bulletinSettingsInput())
        }
        api.add(.init(method: .put, path: "/api/v1/settings/bulletin", tag: "bulletin",
                      summary: "Set the bulletin's frame and topUnits (1–50); unset fields keep the defaults (administrators)",
                      body: "BulletinSettingsInput", status: 204)) { req, ctx in
            let p = try ctx.requirePrincipal()
            try AccessPolicy.canManageBulletins(p)
            try await store.setBulletinSettings(try await JSONBody.decode(BulletinSettingsInput.self, req, context: ctx), by: p)
            return Reply.noContent()
        }
        api.add(.init(method: .get, path: "/api/v1/statistics/balances", tag: "bulletin",
                      summary: "Opening balances (期初数) per unit and measure, with who set them (administrators and auditors)", response: "OpeningBalanceList")) { _, ctx in
            let p = try ctx.requirePrincipal()
            guard AccessPolicy.canReadDraftBulletins(p) else { throw AccessDenial.role(p.role) }
            return try Reply.json(["items": try await store.openingBalances()])
        }
        api.add(.init(method: .post, path: "/api/v1/statistics/balances", tag: "bulletin",
                      summary: "Import opening balances from CSV (单位, 系统, 指标, 截至日期, 数值, 备注); all or nothing (administrators)",
                      body: "text/csv", response: "BalanceImport")) { req, ctx in
            let p = try ctx.requirePrincipal()
            try AccessPolicy.canManageBulletins(p)
            let data = try await CatalogAPI.collect(req, limit: 8 << 20)
            return try Reply.json(["imported": try await store.importOpeningBalances(csv: data, by: p)])
        }
    }

    /// The bulletin named in the path, if the principal may read it (drafts: administrators and
    /// auditors; issued: everyone signed in). Others get a 404, not a hint that it exists.
    static func readable(_ ctx: AppContext, store: Store) async throws -> (BulletinRecord, Int64) {
        let p = try ctx.requirePrincipal()
        let id = try ctx.parameters.require("id", as: Int64.self)
        let record = try await store.bulletin(id: id)
        guard record.state == .issued || AccessPolicy.canReadDraftBulletins(p) else { throw Problem.notFound("bulletin \(id)") }
        return (record, id)
    }

    /// Parses a period end (YYYY-MM-DD): a Friday for weekly, a month's last day for monthly,
    /// and not a period that has not begun.
    static func parsePeriod(_ text: String, kind: ReportKind, field: String) throws -> ReportPeriod {
        guard let day = CalendarDate(iso: text) else { throw Problem.badRequest(field: field, Strings.format("sharing.bad_date", ["value": text])) }
        guard let period = ReportPeriod.ending(day, kind: kind) else {
            throw Problem.badRequest(field: field, Strings.format(kind == .weekly ? "bulletin.err.notFriday" : "bulletin.err.notMonthEnd", ["value": text]))
        }
        guard period.start <= CalendarDate.today() else { throw Problem.badRequest(field: field, Strings.format("bulletin.err.future", ["value": text])) }
        return period
    }

    /// A bulletin file; the format and attachment are checked before anything is rendered.
    static func export(store: Store, id: Int64, _ req: Request, _ ctx: AppContext) async throws -> Response {
        let format = try req.enumQuery("format", BulletinFormat.self) ?? .html
        let attachment = try req.intQuery("attachment")
        let view = try await store.bulletinView(id: id, language: ctx.language)
        if format == .csv {
            let max = view.document.attachments.count
            guard let n = attachment, (1...max).contains(n) else {
                throw Problem.badRequest(field: "attachment", Strings.format("bulletin.err.attachment", ["max": String(max)]))
            }
        }
        let html = format == .html ? try await store.bulletinHTML(id: id, language: ctx.language) : ""
        guard let data = try BulletinExport.render(view.document, html: html, format: format, attachment: attachment) else {
            throw Problem.badRequest(field: "attachment", Strings.format("bulletin.err.attachment", ["max": String(view.document.attachments.count)]))
        }
        return Reply.bytes(data, contentType: format.contentType,
                           filename: format == .html ? nil : BulletinExport.filename(view.document, format: format, attachment: attachment))
    }
}

