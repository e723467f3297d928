import Crypto
import Foundation
import Hummingbird
import HTTPTypes
import Mustache
import NIOCore
import ShuhuiCore
import ShuhuiSpreadsheet
import ShuhuiStore

/// The server-rendered console: login, dashboard, units, systems, catalog, import, tokens.
enum Console {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            // Templates are compiled into the binary; a syntax error is a programming error
            // caught by the console tests on the first render.
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        if let pager = try? MustacheTemplate(string: Templates.pager) { library.register(pager, named: "pager") }
        return library
    }()

    static let sessionLifetime: TimeInterval = 12 * 3600

    static func register(_ router: Router<AppContext>, store: Store) {
        router.get("/static/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get("/login") { req, ctx in
            page("login", title: Strings["login.title"].text(ctx.language), req, ctx, data: ["next": req.query("next") ?? "/"])
        }
        router.post("/login") { req, ctx in
            let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
            let next = safeNext(form["next"])
            guard let user = try await store.authenticate(username: form["username"] ?? "", password: form["password"] ?? "") else {
                var r = page("login", title: Strings["login.title"].text(ctx.language), req, ctx,
                             data: ["failed": true, "next": next, "username": form["username"] ?? ""])
                r.status = .unauthorized
                return r
            }
            let session = try await store.issueToken(for: user.id, name: "console", kind: "session", lifetime: sessionLifetime)
            var r = redirect(next)
            r.headers[.setCookie] = "\(AuthMiddleware.sessionCookie)=\(session.secret); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(Int(sessionLifetime))"
            return r
        }
        router.post("/logout") { req, ctx in
            if let session = ctx.session {
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                try await store.revokeSession(secret: session)
            }
            var r = redirect("/login")
            r.headers[.setCookie] = "\(AuthMiddleware.sessionCookie)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
            return r
        }
        router.get("/") { req, ctx in
            try await guarded(req, ctx) { p in try await dashboard(req, ctx, store: store) }
        }
        router.get("/organizations") { req, ctx in
            try await guarded(req, ctx) { _ in try await organizations(req, ctx, store: store) }
        }
        router.get("/systems") { req, ctx in
            try await guarded(req, ctx) { _ in try await systems(req, ctx, store: store) }
        }
        router.get("/catalog") { req, ctx in
            try await guarded(req, ctx) { _ in try await catalog(req, ctx, store: store) }
        }
        router.get("/catalog/export.xlsx") { req, ctx in
            try await guarded(req, ctx) { _ in
                try CatalogAPI.spreadsheet(try await store.exportCatalogRows(), format: "xlsx", name: "catalog")
            }
        }
        router.get("/quality") { req, ctx in
            try await guarded(req, ctx) { _ in try await qualityPage(req, ctx, store: store) }
        }
        router.get("/catalog/{code}/problems.xlsx") { req, ctx in
            try await guarded(req, ctx) { _ in
                let code = try ctx.parameters.require("code")
                try await CollectionAPI.checkProvider(ctx, code: code, store: store)
                return try CatalogAPI.spreadsheet(try await store.problemSheet(code: code), format: "xlsx", name: "problems-\(code)", sheetName: "问题数据")
            }
        }
        router.post("/catalog/{code}/rules") { req, ctx in
            try await guarded(req, ctx) { p in try await saveRules(req, ctx, p, store: store) }
        }
        router.get("/catalog/{code}") { req, ctx in
            try await guarded(req, ctx) { _ in try await resource(req, ctx, store: store) }
        }
        router.get("/import") { req, ctx in
            try await guarded(req, ctx) { _ in page("import", title: Strings["import.title"].text(ctx.language), req, ctx, data: [:]) }
        }
        router.post("/import") { req, ctx in
            try await guarded(req, ctx) { p in try await importUpload(req, ctx, p, store: store) }
        }
        registerSharing(router, store: store)
        registerPushAndQuery(router, store: store)
        registerOpenData(router, store: store)
        registerOneWindow(router, store: store)
        registerBulletin(router, store: store)
        router.get("/tokens") { req, ctx in
            try await guarded(req, ctx) { p in try await tokens(req, ctx, p, store: store, secret: nil) }
        }
        router.post("/tokens") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
                let issued = try await store.issueToken(for: p.userID, name: name.isEmpty ? "api" : String(name.prefix(100)))
                return try await tokens(req, ctx, p, store: store, secret: issued.secret)
            }
        }
        router.post("/tokens/{id}/revoke") { req, ctx in
            try await guarded(req, ctx) { p in
                let form = URLEncodedForm.parse(try await CatalogAPI.collect(req, limit: 64 << 10))
                try checkCSRF(form["_csrf"], ctx)
                try await store.revokeToken(id: try ctx.parameters.require("id", as: Int64.self), userID: p.userID)
                return redirect("/tokens")
            }
        }
    }

    // MARK: - Plumbing

    /// Runs a page for a signed-in user; anyone else is sent to the login page.
    static func guarded(_ req: Request, _ ctx: AppContext, _ body: (Principal) async throws -> Response) async throws -> Response {
        guard let p = ctx.principal else {
            let next = req.uri.path + (req.uri.query.map { "?" + $0 } ?? "")
            return redirect("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        return try await body(p)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// Only same-site paths may follow a login, so the form can't bounce users elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    /// Form token bound to the session: a cross-site form cannot know it.
    static func csrfToken(_ ctx: AppContext) -> String {
        guard let session = ctx.session else { return "" }
        return Hex.encode(SHA256.hash(data: Data(("csrf:" + session).utf8)).prefix(16))
    }

    static func checkCSRF(_ token: String?, _ ctx: AppContext) throws {
        guard let token, !token.isEmpty, token == csrfToken(ctx) else {
            throw Problem(status: .forbidden, kind: "csrf", titleKey: "problem.forbidden",
                          detail: Localized(zh: "表单已过期，请刷新页面后重试。", en: "The form has expired; reload the page and try again."))
        }
    }

    /// The string table as nested dictionaries, so templates write `{{t.nav.catalog}}`.
    nonisolated(unsafe) static let tables: [Language: [String: Any]] = {
        var out: [Language: [String: Any]] = [:]
        for lang in Language.allCases {
            var root: [String: Any] = [:]
            for (key, value) in Strings.flat(lang) { insert(&root, key.split(separator: ".").map(String.init), value) }
            out[lang] = root
        }
        return out
    }()

    private static func insert(_ dict: inout [String: Any], _ path: [String], _ value: String) {
        guard let head = path.first else { return }
        if path.count == 1 {
            dict[head] = value
            return
        }
        var child = dict[head] as? [String: Any] ?? [:]
        insert(&child, Array(path.dropFirst()), value)
        dict[head] = child
    }

    static func page(_ name: String, title: String, _ req: Request, _ ctx: AppContext, data: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let t = tables[ctx.language] ?? [:]
        var content = data
        content["t"] = t
        content["csrf"] = csrfToken(ctx)
        let body = library.render(content, withTemplate: name) ?? ""
        var layout: [String: Any] = ["t": t, "title": title, "body": body, "langCode": ctx.language.rawValue]
        let other: Language = ctx.language == .zh ? .en : .zh
        var items = req.uri.queryParameters.filter { $0.key != "lang" }.map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        items.append("lang=\(other.rawValue)")
        layout["langSwitch"] = req.uri.path + "?" + items.joined(separator: "&")
        if let p = ctx.principal {
            let path = req.uri.path
            func item(_ href: String, _ key: String) -> [String: Any] {
                ["href": href, "label": Strings[key].text(ctx.language), "active": href == "/" ? path == "/" : path.hasPrefix(href)]
            }
            // Single pages stand alone; related ones share a menu.
            let nav: [[String: Any]] = Self.navigation.map { entry in
                let items = entry.items.map { item($0.href, $0.key) }
                guard let group = entry.group else { return ["link": items[0]] }
                return ["menu": ["label": Strings[group].text(ctx.language), "items": items,
                                 "active": items.contains { $0["active"] as? Bool == true }] as [String: Any]]
            }
            layout["user"] = [
                "displayName": p.displayName, "roleLabel": Strings["role.\(p.role.rawValue)"].text(ctx.language), "csrf": csrfToken(ctx),
                "nav": nav,
            ] as [String: Any]
        }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentLanguage: ctx.language.rawValue]
        if let lang = req.query("lang") { headers[.setCookie] = "lang=\(Language.negotiate(lang).rawValue); Path=/; SameSite=Lax; Max-Age=31536000" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The console's navigation: top-level pages, and menus of related pages.
    static let navigation: [(group: String?, items: [(href: String, key: String)])] = [
        (nil, [("/", "nav.dashboard")]),
        ("nav.group.catalog", [("/catalog", "nav.catalog"), ("/organizations", "nav.organizations"), ("/systems", "nav.systems"), ("/import", "nav.import")]),
        (nil, [("/quality", "nav.quality")]),
        ("nav.group.sharing", [("/sharing", "nav.sharing"), ("/services", "nav.services"), ("/push", "nav.push"), ("/query", "nav.query")]),
        (nil, [("/open-data", "nav.open")]),
        (nil, [("/one-window", "nav.oneWindow")]),
        ("nav.group.reports", [("/bulletins", "nav.bulletins"), ("/statistics", "nav.statistics")]),
        (nil, [("/tokens", "nav.tokens")]),
    ]

    static func label(_ key: String, _ ctx: AppContext) -> String { Strings[key].text(ctx.language) }

    static func formatDate(_ date: Date?) -> String {
        guard let date else { return "—" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    /// Previous/next links that keep every other query parameter.
    static func pager(_ req: Request, _ ctx: AppContext, total: Int, page: PageRequest) -> [String: Any] {
        func link(_ offset: Int) -> String {
            var items = req.uri.queryParameters.filter { $0.key != "offset" && $0.key != "lang" }
                .map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            items.append("offset=\(offset)")
            return req.uri.path + "?" + items.joined(separator: "&")
        }
        var out: [String: Any] = [:]
        if page.offset > 0 { out["prev"] = link(max(0, page.offset - page.limit)) }
        if page.offset + page.limit < total { out["next"] = link(page.offset + page.limit) }
        let pages = max(1, (total + page.limit - 1) / page.limit)
        out["pageLabel"] = "\(page.offset / page.limit + 1) / \(pages)"
        return out
    }

    static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, prefix: String, selected: String?, _ ctx: AppContext) -> [[String: Any]] where T.RawValue == String {
        T.allCases.map { ["value": $0.rawValue, "label": label("\(prefix).\($0.rawValue)", ctx), "selected": $0.rawValue == selected] }
    }

    static func orgOptions(_ orgs: [Organization], selected: Int64?) -> [[String: Any]] {
        orgs.map { ["id": $0.id, "name": $0.shortName, "selected": $0.id == selected] }
    }
}
