import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import ShuhuiCore
import ShuhuiStore

/// The public portal pages (no login): home with figures, search with facets, dataset page
/// with preview table and chart, API docs and the apps showcase. zh-CN first; `?lang=en`
/// switches, as in the console. Only ``Store/openDatasets()`` feeds them.
enum OpenPages {
    static func register(_ router: Router<AppContext>, store: Store) {
        router.get("/open") { req, ctx in try await home(req, ctx, store) }
        router.get("/open/search") { req, ctx in try await search(req, ctx, store) }
        router.get("/open/datasets/{name}") { req, ctx in try await dataset(req, ctx, store) }
        router.get("/open/api") { req, ctx in apiDocs(req, ctx) }
        router.get("/open/apps") { req, ctx in try await apps(req, ctx, store) }
        router.get("/open/register") { req, ctx in registerForm(req, ctx, values: [:], issues: [], status: .ok) }
        router.post("/open/register") { req, ctx in try await register(req, ctx, store) }
    }

    static func h(_ s: String) -> String { SVGChart.escape(s) }
    static func t(_ key: String, _ ctx: AppContext) -> String { h(Strings[key].text(ctx.language)) }

    static func layout(_ title: String, _ ctx: AppContext, _ req: Request, _ body: String) -> Response {
        let other = ctx.language == .zh ? "en" : "zh-CN"
        let nav = [("/open", "open.home"), ("/open/search", "open.search"), ("/open/apps", "open.apps"), ("/open/api", "open.apiDocs"), ("/open/register", "open.register")]
            .map { "<a href=\"\($0.0)?lang=\(ctx.language.rawValue)\">\(t($0.1, ctx))</a>" }.joined(separator: " ")
        let html = """
            <!doctype html><html lang="\(ctx.language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(title)) · \(t("open.portal", ctx))</title><link rel="stylesheet" href="/static/app.css"></head>
            <body class="open"><header class="top"><a class="brand" href="/open?lang=\(ctx.language.rawValue)">\(t("open.portal", ctx))</a> <nav>\(nav)</nav>
            <div class="who"><a class="lang" href="\(h(req.uri.path))?lang=\(other)">\(t("nav.language", ctx))</a></div></header>
            <main>\(body)</main><footer>\(t("app.bureau", ctx))</footer></body></html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentLanguage: ctx.language.rawValue],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func link(_ ds: OpenDataset, _ ctx: AppContext) -> String {
        "<a href=\"/open/datasets/\(h(ds.name))?lang=\(ctx.language.rawValue)\">\(h(ds.resource.draft.name))</a>"
    }

    static func row(_ ds: OpenDataset, _ ctx: AppContext) -> String {
        "<tr><td>\(link(ds, ctx))</td><td>\(h(ds.publisher.shortName))</td><td>\(h(OpenTopic.label(ds.topic).text(ctx.language)))</td>"
            + "<td>\(t("open.access.\(ds.access.rawValue)", ctx))</td><td class=\"num\">\(ds.latest.rowCount)</td><td>\(ISODates.xsd(ds.modifiedAt).prefix(10))</td></tr>"
    }

    static func table(_ datasets: [OpenDataset], _ ctx: AppContext) -> String {
        "<table><thead><tr><th>\(t("open.search", ctx))</th><th>\(t("open.facet.unit", ctx))</th><th>\(t("open.facet.topic", ctx))</th><th>\(t("open.facet.grade", ctx))</th><th>\(t("open.dataset.rows", ctx))</th><th>\(t("open.latest", ctx))</th></tr></thead><tbody>"
            + datasets.map { row($0, ctx) }.joined() + "</tbody></table>"
    }

    static func home(_ req: Request, _ ctx: AppContext, _ store: Store) async throws -> Response {
        let datasets = try await store.openDatasets()
        let apps = try await store.openApps(state: .approved)
        let rows = datasets.reduce(0) { $0 + $1.latest.rowCount }
        let units = Set(datasets.map(\.publisher.id)).count
        let figures = [("open.figures.datasets", datasets.count), ("open.figures.apis", datasets.count), ("open.figures.rows", rows),
                       ("open.figures.apps", apps.count), ("open.figures.units", units)]
            .map { "<div class=\"figure\"><div class=\"value\">\($0.1)</div><div class=\"label\">\(t($0.0, ctx))</div></div>" }.joined()
        let latest = datasets.sorted { ($0.modifiedAt, $0.uid) > ($1.modifiedAt, $1.uid) }.prefix(10)
        let topics = Dictionary(grouping: datasets, by: \.topic).sorted { $0.key < $1.key }
            .map { "<a class=\"tag\" href=\"/open/search?topic=\($0.key)&lang=\(ctx.language.rawValue)\">\(h(OpenTopic.label($0.key).text(ctx.language))) (\($0.value.count))</a>" }.joined(separator: " ")
        let body = """
            <h1>\(t("open.portal", ctx))</h1><p>\(t("open.portalDescription", ctx))</p>
            <section class="figures">\(figures)</section>
            <form action="/open/search" method="get"><input type="hidden" name="lang" value="\(ctx.language.rawValue)">
            <input type="search" name="q" placeholder="\(t("open.searchPlaceholder", ctx))"> <button>\(t("open.searchButton", ctx))</button></form>
            <h2>\(t("open.facet.topic", ctx))</h2><p>\(topics)</p>
            <h2>\(t("open.latest", ctx))</h2>\(table(Array(latest), ctx))
            """
        return layout(Strings["open.home"].text(ctx.language), ctx, req, body)
    }

    static func search(_ req: Request, _ ctx: AppContext, _ store: Store) async throws -> Response {
        let all = try await store.openDatasets()
        let form = OpenDataRoutes.formQuery(req).filter { !$0.value.isEmpty }
        let q = form["q"]?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let unit = form["unit"], topic = form["topic"], access = form["access"], format = form["format"]
        if let format, !CKANDicts.formats.contains(where: { $0.format == format }) {
            throw Problem.badRequest(field: "format", Strings.format("v.invalidValue", ["value": format, "allowed": "CSV, JSON, XLSX"]))
        }
        let hits = all.filter { ds in
            (q.isEmpty || CKANDicts.searchDocument(ds).text.contains(q))
                && (unit == nil || ds.publisher.slug == unit) && (topic == nil || ds.topic == topic) && (access == nil || ds.access.rawValue == access)
        }
        func facet(_ titleKey: String, _ param: String, _ values: [(String, String)]) -> String {
            let counts = Dictionary(grouping: values, by: { $0.0 }).map { ($0.key, $0.value.first?.1 ?? $0.key, $0.value.count) }.sorted { ($0.2, $1.0) > ($1.2, $0.0) }
            var items = ""
            for (value, label, n) in counts {
                var comps = URLComponents()
                var query = [URLQueryItem(name: param, value: value), URLQueryItem(name: "lang", value: ctx.language.rawValue)]
                if !q.isEmpty { query.append(URLQueryItem(name: "q", value: q)) }
                comps.queryItems = query
                items += "<li><a href=\"/open/search\(h(comps.string ?? ""))\">\(h(label))</a> (\(n))</li>"
            }
            return "<h3>\(t(titleKey, ctx))</h3><ul>\(items)</ul>"
        }
        let facets = facet("open.facet.unit", "unit", hits.map { ($0.publisher.slug, $0.publisher.shortName) })
            + facet("open.facet.topic", "topic", hits.map { ($0.topic, OpenTopic.label($0.topic).text(ctx.language)) })
            + facet("open.facet.format", "format", hits.flatMap { _ in CKANDicts.formats.map { ($0.format, $0.format) } })
            + facet("open.facet.grade", "access", hits.map { ($0.access.rawValue, Strings["open.access.\($0.access.rawValue)"].text(ctx.language)) })
        let body = """
            <h1>\(t("open.search", ctx))</h1>
            <form action="/open/search" method="get"><input type="hidden" name="lang" value="\(ctx.language.rawValue)">
            <input type="search" name="q" value="\(h(q))" placeholder="\(t("open.searchPlaceholder", ctx))"> <button>\(t("open.searchButton", ctx))</button></form>
            <div class="columns"><aside class="facets">\(facets)</aside><section>
            <p>\(h(Strings.format("open.results", ["count": String(hits.count)]).text(ctx.language)))</p>
            \(hits.isEmpty ? "<p>\(t("open.noResults", ctx))</p>" : table(hits, ctx))</section></div>
            """
        return layout(Strings["open.search"].text(ctx.language), ctx, req, body)
    }

    static func dataset(_ req: Request, _ ctx: AppContext, _ store: Store) async throws -> Response {
        let name = try ctx.parameters.require("name")
        guard let ds = try await store.openDataset(name) else { throw Problem.notFound("dataset \(name)") }
        try await store.countOpenUsage(ds, .view)
        let d = ds.resource.draft
        let usage = try await store.openUsageTotals()[ds.id] ?? (0, 0, 0)
        let lic = ds.access == .open ? "open.license.open" : "open.license.restricted"
        let meta = [("open.dataset.unit", h(ds.publisher.name)), ("open.dataset.topic", h(OpenTopic.label(ds.topic).text(ctx.language))),
                    ("open.facet.grade", t("open.access.\(ds.access.rawValue)", ctx)), ("open.dataset.cycle", t("cycle.\(d.updateCycle.rawValue)", ctx)),
                    ("open.dataset.license", t(lic, ctx)), ("open.dataset.version", String(ds.latest.version)),
                    ("open.dataset.published", String(ISODates.xsd(ds.latest.publishedAt).prefix(10))), ("open.dataset.rows", String(ds.latest.rowCount)),
                    ("open.dataset.tags", h(d.tags.joined(separator: "、")))]
            .map { "<tr><th>\(t($0.0, ctx))</th><td>\($0.1)</td></tr>" }.joined()
        let downloads = CKANDicts.formats.map { "<a class=\"button\" href=\"/open/datasets/\(h(ds.name))/download.\($0.ext)\">\($0.format)</a>" }.joined(separator: " ")
        let fields = ds.fields.map { "<tr><td><code>\(h($0.code))</code></td><td>\(h($0.name))</td><td>\(t("type.\($0.type.rawValue)", ctx))</td></tr>" }.joined()
        var preview = "", chart = ""
        if ds.access == .open, let reader = try? await store.openReader(ds, developerID: nil) {
            var q = DatastoreQuery()
            q.limit = 10
            let result = try await reader.search(q)
            preview = "<h2>\(h(Strings.format("open.dataset.preview", ["count": String(result.records.count)]).text(ctx.language)))</h2><div class=\"scroll\"><table><thead><tr>"
                + ds.fields.map { "<th>\(h($0.name))</th>" }.joined() + "</tr></thead><tbody>"
                + result.records.map { rec in "<tr>" + ds.fields.map { "<td>\(h((rec[$0.code] ?? nil)?.description ?? ""))</td>" }.joined() + "</tr>" }.joined()
                + "</tbody></table></div>"
            // The chart counts records by the first text column that is not the key.
            if let field = ds.fields.first(where: { $0.type == .string && !$0.primaryKey }) {
                let bars = try await reader.histogram(field).map { (label: $0.0, value: $0.1) }
                let title = Strings.format("open.dataset.chartOf", ["field": field.name]).text(ctx.language)
                if !bars.isEmpty { chart = "<h2>\(t("open.dataset.chart", ctx))</h2>" + SVGChart.bars(bars, title: title) }
            }
        }
        let versions = try await store.openPublications(ds).map { p in
            "<li>v\(p.version) · \(ISODates.xsd(p.publishedAt).prefix(10)) · \(p.rowCount) · "
                + CKANDicts.formats.map { "<a href=\"/open/datasets/\(h(ds.name))/versions/\(p.version)/download.\($0.ext)\">\($0.format)</a>" }.joined(separator: " ") + "</li>"
        }.joined()
        let apiExample = "/api/3/action/datastore_search?resource_id=\(CKANDicts.resourceID(ds, "csv"))&limit=5"
        let body = """
            <h1>\(h(d.name))</h1><p>\(h(d.summary))</p>
            \(ds.access == .restricted ? "<p class=\"notice\">\(t("open.dataset.restrictedNote", ctx))</p>" : "")
            <p>\(h(Strings.format("open.dataset.usage", ["views": String(usage.views), "downloads": String(usage.downloads), "calls": String(usage.calls)]).text(ctx.language)))</p>
            <table class="meta">\(meta)</table>
            <h2>\(t("open.dataset.downloads", ctx))</h2><p>\(downloads)</p>
            <h2>\(t("open.dataset.api", ctx))</h2><p><a href="\(h(apiExample))"><code>\(h(apiExample))</code></a> · <a href="/dataset/\(h(ds.name)).ttl">DCAT (Turtle)</a> · <a href="/dataset/\(h(ds.name)).jsonld">DCAT (JSON-LD)</a></p>
            \(preview)\(chart)
            <h2>\(t("open.dataset.fields", ctx))</h2><table><tbody>\(fields)</tbody></table>
            <h2>\(t("open.dataset.versions", ctx))</h2><ul>\(versions)</ul>
            """
        return layout(d.name, ctx, req, body)
    }

    static func apiDocs(_ req: Request, _ ctx: AppContext) -> Response {
        let actions: [(String, String, String)] = [
            ("package_list", "limit, offset", "/api/3/action/package_list"),
            ("package_search", "q, fq, sort, rows (≤1000), start, facet.field", "/api/3/action/package_search?q=空气&fq=res_format:CSV&rows=10"),
            ("package_show", "id", "/api/3/action/package_show?id=…"),
            ("organization_list / organization_show", "all_fields, id, include_datasets", "/api/3/action/organization_list?all_fields=true"),
            ("group_list / group_show", "all_fields, id, include_datasets", "/api/3/action/group_list"),
            ("tag_list", "query, all_fields", "/api/3/action/tag_list"),
            ("resource_show", "id", "/api/3/action/resource_show?id=…"),
            ("datastore_search", "resource_id, filters, q, fields, sort, limit (≤32000), offset", "/api/3/action/datastore_search?resource_id=…&limit=5"),
            ("datastore_info", "resource_id", "/api/3/action/datastore_info?resource_id=…"),
            ("status_show", "", "/api/3/action/status_show"),
        ]
        let rows = actions.map { "<tr><td><code>\(h($0.0))</code></td><td>\(h($0.1))</td><td><code>\(h($0.2))</code></td></tr>" }.joined()
        let body = """
            <h1>\(t("open.apiDocs", ctx))</h1><p>\(t("open.api.intro", ctx))</p>
            <table><thead><tr><th>\(t("open.api.action", ctx))</th><th>\(t("open.api.params", ctx))</th><th>\(t("open.api.example", ctx))</th></tr></thead><tbody>\(rows)</tbody></table>
            <h2>DCAT-AP 3.0.1</h2><ul><li><code>/catalog.ttl?page=1&amp;page_size=100&amp;modified_since=2026-01-01</code></li><li><code>/catalog.jsonld</code></li><li><code>/dataset/{name}.ttl</code> · <code>/dataset/{name}.jsonld</code></li></ul>
            <h2>\(t("open.register", ctx))</h2><p><code>POST /api/v1/open/developers {"kind":"company","name":"…","email":"…","creditCode":"…"}</code> · <a href="/openapi.json">OpenAPI</a></p>
            """
        return layout(Strings["open.apiDocs"].text(ctx.language), ctx, req, body)
    }

    static func registerForm(_ req: Request, _ ctx: AppContext, values: [String: String], issues: [FieldIssue], status: HTTPResponse.Status) -> Response {
        func input(_ name: String, _ labelKey: String, type: String = "text") -> String {
            let errors = issues.filter { $0.field == name }.map { "<span class=\"error\">\(h($0.message.text(ctx.language)))</span>" }.joined()
            return "<p><label>\(t(labelKey, ctx)) <input type=\"\(type)\" name=\"\(name)\" value=\"\(h(values[name] ?? ""))\"></label>\(errors)</p>"
        }
        let company = values["kind"] == "company"
        let body = """
            <h1>\(t("open.register", ctx))</h1><p>\(t("open.reg.intro", ctx))</p>
            <form method="post" action="/open/register?lang=\(ctx.language.rawValue)" class="card">
            <p><label><input type="radio" name="kind" value="person"\(company ? "" : " checked")> \(t("open.reg.person", ctx))</label>
            <label><input type="radio" name="kind" value="company"\(company ? " checked" : "")> \(t("open.reg.company", ctx))</label></p>
            \(input("name", "open.reg.name"))\(input("email", "open.reg.email", type: "email"))\(input("creditCode", "open.reg.creditCode"))
            <p><button>\(t("open.reg.submit", ctx))</button></p></form>
            """
        var r = layout(Strings["open.register"].text(ctx.language), ctx, req, body)
        r.status = status
        return r
    }

    static func register(_ req: Request, _ ctx: AppContext, _ store: Store) async throws -> Response {
        let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 16 << 10))
        let kind = DeveloperKind(rawValue: form["kind"] ?? "") ?? .person
        let input = DeveloperRegistration(kind: kind, name: form["name"] ?? "", email: form["email"] ?? "",
                                          creditCode: (form["creditCode"] ?? "").isEmpty ? nil : form["creditCode"])
        do {
            let (developer, key) = try await store.registerDeveloper(input)
            let body = """
                <h1>\(t("open.reg.done", ctx))</h1><p>\(h(developer.name)) · \(h(developer.email))</p>
                <p>\(t("open.reg.keyOnce", ctx))</p><p><code id="app-key">\(h(key.secret))</code></p>
                <p><a href="/open/api?lang=\(ctx.language.rawValue)">\(t("open.apiDocs", ctx))</a></p>
                """
            var r = layout(Strings["open.reg.done"].text(ctx.language), ctx, req, body)
            r.status = .created
            return r
        } catch StoreError.invalid(let failure) {
            return registerForm(req, ctx, values: form, issues: failure.issues, status: .unprocessableContent)
        }
    }

    static func apps(_ req: Request, _ ctx: AppContext, _ store: Store) async throws -> Response {
        let apps = try await store.openApps(state: .approved)
        let titles = Dictionary(try await store.openDatasets().map { ($0.name, $0.resource.draft.name) }, uniquingKeysWith: { a, _ in a })
        let list = apps.map { app in
            "<article class=\"card\"><h2><a href=\"\(h(app.url))\" rel=\"nofollow noopener\">\(h(app.name))</a></h2><p>\(h(app.description))</p><p>\(h(app.developerName))</p><p>\(t("open.appsUses", ctx))："
                + app.datasets.compactMap { n in titles[n].map { "<a href=\"/open/datasets/\(h(n))\">\(h($0))</a>" } }.joined(separator: "、") + "</p></article>"
        }.joined()
        return layout(Strings["open.apps"].text(ctx.language), ctx, req, "<h1>\(t("open.apps", ctx))</h1>" + (apps.isEmpty ? "<p>\(t("open.appsNone", ctx))</p>" : list))
    }
}
