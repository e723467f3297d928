import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

extension Console {
    static func dashboard(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let stats = try await store.catalogStatistics()
        let census = try await store.censusStatistics()
        let tiles: [[String: Any]] = [
            ["value": stats.resources, "label": label("stat.resources", ctx)],
            ["value": stats.fields, "label": label("stat.fields", ctx)],
            ["value": stats.shareableFields, "label": label("stat.shareableFields", ctx)],
            ["value": stats.providers, "label": label("stat.providers", ctx)],
            ["value": census.organizations, "label": label("stat.organizations", ctx)],
            ["value": census.total, "label": label("stat.systems", ctx)],
            ["value": census.upperLevel, "label": label("stat.upperSystems", ctx)],
            ["value": census.localLevel, "label": label("stat.localSystems", ctx)],
        ]
        let chart = SVGChart.bars(stats.byUnit.prefix(10).map { ($0.organizationName, $0.resources) }, title: label("chart.resourcesByUnit", ctx))
        let data: [String: Any] = [
            "tiles": tiles, "chart": chart,
            "byGrade": SecurityGrade.allCases.reversed().map { ["label": $0.rawValue, "value": stats.resourcesByGrade[$0, default: 0]] },
            "bySharing": SharingAttribute.allCases.map { ["label": label("sharing.\($0.rawValue)", ctx), "value": stats.fieldsBySharing[$0, default: 0]] },
            "byOpen": OpenAttribute.allCases.map { ["label": label("open.\($0.rawValue)", ctx), "value": stats.resourcesByOpen[$0, default: 0]] },
            "byLevel": SystemLevel.allCases.map { ["label": label("level.\($0.rawValue)", ctx), "value": census.byLevel[$0.rawValue, default: 0]] },
            "byUnit": stats.byUnit.enumerated().map { i, u in
                ["rank": i + 1, "organizationID": u.organizationID, "organizationName": u.organizationName,
                 "resources": u.resources, "fields": u.fields, "shareableFields": u.shareableFields] as [String: Any]
            },
            "totals": ["resources": stats.resources, "fields": stats.fields, "shareableFields": stats.shareableFields],
        ]
        return page("dashboard", title: label("nav.dashboard", ctx), req, ctx, data: data)
    }

    static func organizations(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let orgs = try await store.organizations()
        let census = try await store.censusStatistics()
        let catalog = try await store.catalogStatistics()
        let systemsOf = Dictionary(census.byUnit.map { ($0.organizationID, $0.total) }, uniquingKeysWith: +)
        let resourcesOf = Dictionary(catalog.byUnit.map { ($0.organizationID, $0.resources) }, uniquingKeysWith: +)
        let children = Dictionary(grouping: orgs.filter { $0.parentID != nil }, by: { $0.parentID! })
        let kindOrder = OrganizationKind.allCases
        var rows: [[String: Any]] = []
        func visit(_ o: Organization, depth: Int) {
            rows.append([
                "id": o.id, "name": o.name, "code": o.code, "regionCode": o.regionCode, "kind": o.kind.rawValue,
                "kindLabel": label("kind.\(o.kind.rawValue)", ctx), "indent": Double(depth) * 1.5 + 0.5,
                "systems": systemsOf[o.id, default: 0], "resources": resourcesOf[o.id, default: 0], "hasChildren": children[o.id] != nil,
            ])
            for c in children[o.id] ?? [] { visit(c, depth: depth + 1) }
        }
        let roots = orgs.filter { $0.parentID == nil }.sorted {
            (kindOrder.firstIndex(of: $0.kind) ?? 0, $0.id) < (kindOrder.firstIndex(of: $1.kind) ?? 0, $1.id)
        }
        for r in roots { visit(r, depth: 0) }
        let kinds = kindOrder.map { ["label": label("kind.\($0.rawValue)", ctx), "value": census.organizationsByKind[$0.rawValue, default: 0]] as [String: Any] }
        return page("organizations", title: label("nav.organizations", ctx), req, ctx, data: ["rows": rows, "kinds": kinds])
    }

    static func systems(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let orgs = try await store.organizations()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.shortName) })
        let org = try req.intQuery("org").map(Int64.init)
        let level = try req.enumQuery("level", SystemLevel.self)
        let pageRequest = PageRequest(limit: 50, offset: try req.intQuery("offset"))
        let result = try await store.systems(SystemQuery(organizationID: org, level: level, text: req.query("q"), page: pageRequest))
        let census = try await store.censusStatistics()
        var levels: [[String: Any]] = [["label": label("stat.systems", ctx), "value": census.total],
                                       ["label": label("stat.upperSystems", ctx), "value": census.upperLevel],
                                       ["label": label("stat.localSystems", ctx), "value": census.localLevel]]
        levels += SystemLevel.allCases.map { ["label": label("level.\($0.rawValue)", ctx), "value": census.byLevel[$0.rawValue, default: 0]] }
        var data: [String: Any] = [
            "levels": levels, "q": req.query("q") ?? "",
            "orgOptions": orgOptions(orgs, selected: org),
            "levelOptions": options(SystemLevel.self, prefix: "level", selected: level?.rawValue, ctx),
            "resultsLabel": Strings.format("catalog.results", ["total": String(result.total)]).text(ctx.language),
            "items": result.items.map { s in
                ["code": s.code, "name": s.name, "unit": names[s.organizationID] ?? "", "level": s.level.rawValue,
                 "levelLabel": label("level.\(s.level.rawValue)", ctx), "statusLabel": label("status.\(s.status.rawValue)", ctx), "owner": s.owner] as [String: Any]
            },
        ]
        data.merge(pager(req, ctx, total: result.total, page: pageRequest)) { $1 }
        return page("systems", title: label("nav.systems", ctx), req, ctx, data: data)
    }

    static func catalog(_ req: Request, _ ctx: AppContext, store: Store) async throws -> Response {
        let orgs = try await store.organizations()
        let provider = try req.intQuery("provider").map(Int64.init)
        let pageRequest = PageRequest(limit: 25, offset: try req.intQuery("offset"))
        let q = CatalogQuery(
            text: req.query("q"), fieldName: req.query("field"), providerID: provider,
            sharing: try req.enumQuery("sharing", SharingAttribute.self), open: try req.enumQuery("open", OpenAttribute.self),
            grade: try req.enumQuery("grade", SecurityGrade.self), page: pageRequest)
        let result = try await store.searchResources(q)
        var data: [String: Any] = [
            "q": req.query("q") ?? "", "field": req.query("field") ?? "",
            "orgOptions": orgOptions(orgs.filter { $0.kind != .township }, selected: provider),
            "sharingOptions": options(SharingAttribute.self, prefix: "sharing", selected: q.sharing?.rawValue, ctx),
            "openOptions": options(OpenAttribute.self, prefix: "open", selected: q.open?.rawValue, ctx),
            "gradeOptions": SecurityGrade.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0 == q.grade] as [String: Any] },
            "resultsLabel": Strings.format("catalog.results", ["total": String(result.total)]).text(ctx.language),
            "hasItems": !result.items.isEmpty,
            "items": result.items.map { r in
                ["code": r.code, "name": r.name, "providerName": r.providerName, "fieldCount": r.fieldCount, "grade": r.grade.rawValue,
                 "sharingLabel": label("sharing.\(r.sharing.rawValue)", ctx), "openLabel": label("open.\(r.open.rawValue)", ctx), "version": r.version] as [String: Any]
            },
        ]
        data.merge(pager(req, ctx, total: result.total, page: pageRequest)) { $1 }
        return page("catalog", title: label("nav.catalog", ctx), req, ctx, data: data)
    }

    static func resource(_ req: Request, _ ctx: AppContext, store: Store, ruleErrors: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let code = try ctx.parameters.require("code")
        let r: Resource
        do {
            r = try await store.resource(code: code)
        } catch StoreError.notFound {
            return page("message", title: label("problem.notFound", ctx), req, ctx,
                        data: ["heading": label("problem.notFound", ctx), "text": label("resource.notFound", ctx)], status: .notFound)
        }
        let d = r.draft
        let provider = try? await store.organization(id: d.providerID)
        let system = try? await d.sourceSystemID.asyncMap { try await store.system(id: $0) }
        let versions = try await store.versions(code: r.code)
        let cls = ResourceClass(categoryCode: d.categoryCode).map { label("class.\($0.rawValue)", ctx) } ?? ""
        let meta: [(String, String)] = [
            ("col.code", r.code), ("resource.category", "\(d.categoryCode) · \(cls)"), ("col.provider", provider?.name ?? ""),
            ("resource.sourceSystem", system?.name ?? "—"), ("resource.summary", d.summary.isEmpty ? "—" : d.summary),
            ("resource.format", label("format.\(d.format.rawValue)", ctx)), ("resource.updateCycle", label("cycle.\(d.updateCycle.rawValue)", ctx)),
            ("col.sharing", label("sharing.\(d.sharing.rawValue)", ctx)), ("resource.sharingCondition", d.sharingCondition.isEmpty ? "—" : d.sharingCondition),
            ("resource.sharingModes", d.sharingModes.isEmpty ? "—" : d.sharingModes.map { label("mode.\($0.rawValue)", ctx) }.joined(separator: "、")),
            ("col.open", label("open.\(d.open.rawValue)", ctx)), ("resource.openCondition", d.openCondition.isEmpty ? "—" : d.openCondition),
            ("col.grade", d.grade.rawValue), ("resource.publishedOn", d.publishedOn ?? "—"),
            ("resource.related", d.relatedCodes.isEmpty ? "—" : d.relatedCodes.joined(separator: "、")),
            ("col.version", "v\(r.version) · \(formatDate(r.updatedAt))"),
        ]
        let canEdit = ctx.principal.map { (try? AccessPolicy.canEdit(ownedBy: d.providerID, $0)) != nil } ?? false
        var data: [String: Any] = [
            "canEdit": canEdit && r.status == .active, "ruleErrors": ruleErrors,
            "canRequest": r.status == .active && d.sharing.isShareable
                && (ctx.principal?.role == .admin || (ctx.principal?.role == .officer && ctx.principal?.organizationID != d.providerID)),
            "ruleRows": d.fields.map { ["name": $0.name, "code": $0.code, "notation": RuleNotation.format(d.rules, field: $0.code)] },
            "dataSection": try await dataSection(r, ctx, store: store),
            "code": r.code, "name": d.name, "grade": d.grade.rawValue, "retired": r.status == .retired, "fieldCount": d.fields.count,
            "meta": meta.map { ["label": label($0.0, ctx), "value": $0.1] },
            "fields": d.fields.enumerated().map { i, f in
                ["rank": i + 1, "name": f.name, "code": f.code, "typeLabel": label("type.\(f.type.rawValue)", ctx),
                 "length": f.length.map(String.init) ?? "", "requiredLabel": label(f.required ? "yes" : "no", ctx),
                 "keyLabel": f.primaryKey ? label("yes", ctx) : "", "sensitivity": f.sensitivity.rawValue,
                 "sharingLabel": label("sharing.\(d.effectiveSharing(of: f).rawValue)", ctx), "summary": f.summary] as [String: Any]
            },
            "versions": versions.map { v in
                ["version": v.version, "at": formatDate(v.at), "actorName": v.actorName, "action": v.action,
                 "changes": v.changes.prefix(30).map { c in
                     ["kind": c.kind.rawValue, "kindLabel": label(v.version == 1 ? "diff.created" : "diff.\(c.kind.rawValue)", ctx),
                      "path": c.path, "before": c.before.map { String($0.prefix(120)) } ?? "", "after": c.after.map { String($0.prefix(120)) } ?? ""] as [String: Any]
                 }] as [String: Any]
            },
        ]
        if let saved = req.query("saved") { data["rulesSaved"] = Strings.format("rules.saved", ["version": saved]).text(ctx.language) }
        return page("resource", title: d.name, req, ctx, data: data, status: status)
    }

    /// Saves the rules typed on a resource's page, in the spreadsheet's notation.
    static func saveRules(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let code = try ctx.parameters.require("code")
        let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 256 << 10))
        try checkCSRF(form["_csrf"], ctx)
        let r = try await store.resource(code: code)
        try await OrganizationAPI.checkEdit(p, unit: r.draft.providerID, store: store)
        var draft = r.draft
        var errors: [String] = []
        var rules = draft.rules.filter { !RuleNotation.expresses($0) }
        for f in draft.fields {
            let parsed = RuleNotation.parse(form["rule_\(f.code)"] ?? "", field: f.code)
            rules += parsed.rules
            errors += parsed.unreadable.map { "\(f.name)（\(f.code)）：" + Strings.format("v.invalidValue", ["value": $0, "allowed": "身份证、码表:A|B、范围:0~150 …"]).text(ctx.language) }
        }
        draft.rules = rules
        if errors.isEmpty {
            do {
                let saved = try await store.updateResource(code: code, draft, by: p)
                return redirect("/catalog/\(saved.code)?saved=\(saved.version)#rules")
            } catch StoreError.invalid(let failure) {
                errors = failure.issues.map { ($0.field.map { $0 + "：" } ?? "") + $0.message.text(ctx.language) }
            }
        }
        return try await resource(req, ctx, store: store, ruleErrors: errors, status: .unprocessableContent)
    }

    static func importUpload(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store) async throws -> Response {
        let body = try await CatalogAPI.collect(req, limit: CatalogAPI.importLimit)
        guard let form = MultipartForm(contentType: req.headers[.contentType] ?? "", body: body), let file = form["file"] else {
            throw Problem.badRequest(field: "file", Strings["v.required"])
        }
        try checkCSRF(form["_csrf"].map { String(decoding: $0.data, as: UTF8.self) }, ctx)
        var data: [String: Any] = [:]
        var status = HTTPResponse.Status.ok
        do {
            let report = try await store.importCatalog(data: file.data, filename: file.filename, by: p)
            data["ok"] = Strings.format("import.ok", ["created": String(report.created.count), "updated": String(report.updated.count),
                                                      "fields": String(report.fields)]).text(ctx.language)
            data["codes"] = report.created + report.updated
        } catch let error as CatalogImportError {
            status = importFailure(error, into: &data, ctx)
        }
        return page("import", title: label("import.title", ctx), req, ctx, data: data, status: status)
    }

    /// A refused spreadsheet import on an import page: the count and every located issue for
    /// the template (`failed`, `errors`), and the status the page answers with.
    static func importFailure(_ error: CatalogImportError, into data: inout [String: Any], _ ctx: AppContext) -> HTTPResponse.Status {
        let issues: [FieldIssue], status: HTTPResponse.Status
        switch error {
        case .invalid(let i): issues = i; status = .unprocessableContent
        case .forbidden(let i): issues = i; status = .forbidden
        }
        data["failed"] = Strings.format("import.failed", ["count": String(issues.count)]).text(ctx.language)
        data["errors"] = issues.map { ["sheet": $0.sheet ?? "", "row": $0.row.map(String.init) ?? "", "column": $0.column ?? "", "message": $0.message.text(ctx.language)] }
        return status
    }

    static func tokens(_ req: Request, _ ctx: AppContext, _ p: Principal, store: Store, secret: String?) async throws -> Response {
        let csrf = csrfToken(ctx)
        let items = try await store.tokens(userID: p.userID).map { t in
            ["id": t.id, "name": t.name, "prefix": t.prefix, "createdAt": formatDate(t.createdAt), "lastUsedAt": formatDate(t.lastUsedAt),
             "revoked": t.revokedAt != nil, "csrf": csrf,
             "statusLabel": t.revokedAt != nil ? label("tokens.revoked", ctx) : label("status.active", ctx)] as [String: Any]
        }
        var data: [String: Any] = ["items": items]
        if let secret { data["secret"] = secret }
        return page("tokens", title: label("tokens.title", ctx), req, ctx, data: data)
    }
}
