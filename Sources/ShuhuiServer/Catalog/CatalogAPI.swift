import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiSpreadsheet
import ShuhuiStore

/// `/api/v1/resources…` and `/api/v1/catalog/…`: the catalog, its versions, statistics and
/// the spreadsheet round-trip.
enum CatalogAPI {
    /// Largest catalog spreadsheet accepted.
    static let importLimit = 20 << 20
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .get, path: "/api/v1/resources", tag: "catalog", summary: "Search the catalog",
                      query: [("q", "string"), ("field", "string"), ("providerID", "integer"), ("sharing", "string"), ("open", "string"),
                              ("grade", "string"), ("class", "string"), ("includeRetired", "boolean"), ("limit", "integer"), ("offset", "integer")],
                      response: "ResourcePage")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.searchResources(try query(req)))
        }
        api.add(.init(method: .post, path: "/api/v1/resources", tag: "catalog", summary: "Register a catalog entry; its code is generated", body: "ResourceDraft", response: "Resource", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let draft = try await JSONBody.decode(ResourceDraft.self, req, context: ctx)
            try await OrganizationAPI.checkEdit(p, unit: draft.providerID, store: store)
            return try Reply.json(try await store.createResource(draft, by: p), status: .created)
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}", tag: "catalog", summary: "One catalog entry", response: "Resource")) { _, ctx in
            _ = try ctx.requirePrincipal()
            let r = try await store.resource(code: try ctx.parameters.require("code"))
            return try Reply.json(r, headers: [.eTag: "\"\(r.version)\""])
        }
        api.add(.init(method: .put, path: "/api/v1/resources/{code}", tag: "catalog", summary: "Change a catalog entry (If-Match: version guards against lost updates)", body: "ResourceDraft", response: "Resource")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            let existing = try await store.resource(code: code)
            try await OrganizationAPI.checkEdit(p, unit: existing.draft.providerID, store: store)
            let draft = try await JSONBody.decode(ResourceDraft.self, req, context: ctx)
            try await OrganizationAPI.checkEdit(p, unit: draft.providerID, store: store)
            let expected = req.headers[.ifMatch].flatMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) }
            let r = try await store.updateResource(code: code, draft, expectedVersion: expected, by: p)
            return try Reply.json(r, headers: [.eTag: "\"\(r.version)\""])
        }
        api.add(.init(method: .delete, path: "/api/v1/resources/{code}", tag: "catalog", summary: "Retire a catalog entry (its history stays)", response: "Resource")) { _, ctx in
            let p = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            try await OrganizationAPI.checkEdit(p, unit: try await store.resource(code: code).draft.providerID, store: store)
            return try Reply.json(try await store.retireResource(code: code, by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/versions", tag: "catalog", summary: "Every kept version, newest first", response: "VersionList")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(["items": try await store.versions(code: try ctx.parameters.require("code"))])
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/versions/{version}", tag: "catalog", summary: "One kept version", response: "ResourceVersion")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.version(code: try ctx.parameters.require("code"), try ctx.parameters.require("version", as: Int.self)))
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/diff", tag: "catalog", summary: "What changed between two versions",
                      query: [("from", "integer"), ("to", "integer")], response: "Diff")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            let current = try await store.resource(code: code)
            let to = try req.intQuery("to") ?? current.version
            let from = try req.intQuery("from") ?? max(to - 1, 1)
            let a = try await store.version(code: code, from), b = try await store.version(code: code, to)
            return try Reply.json(DiffView(code: current.code, from: from, to: to, changes: CatalogDiff.between(a.draft, b.draft)))
        }
        api.add(.init(method: .get, path: "/api/v1/catalog/statistics", tag: "catalog", summary: "Entries, items, shareable items, per unit", response: "CatalogStatistics")) { _, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.catalogStatistics())
        }
        api.add(.init(method: .post, path: "/api/v1/catalog/import", tag: "catalog", summary: "Import a catalog spreadsheet (XLSX or CSV, one row per data item); all or nothing",
                      query: [("filename", "string")], body: "spreadsheet", response: "CatalogImportReport")) { req, ctx in
            let p = try ctx.requirePrincipal()
            let data = try await collect(req, limit: importLimit)
            return try Reply.json(try await store.importCatalog(data: data, filename: req.query("filename"), by: p))
        }
        api.add(.init(method: .get, path: "/api/v1/catalog/export", tag: "catalog", summary: "The catalog as the import template (xlsx or csv)",
                      query: [("format", "string"), ("providerID", "integer")], response: "spreadsheet")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let rows = try await store.exportCatalogRows(providerID: try req.intQuery("providerID").map(Int64.init))
            return try spreadsheet(rows, format: req.query("format") ?? "xlsx", name: "catalog")
        }
        api.add(.init(method: .get, path: "/api/v1/catalog/template", tag: "catalog", summary: "An empty catalog template with its guide", authenticated: false,
                      query: [("format", "string")], response: "spreadsheet")) { req, _ in
            try spreadsheet([CatalogTemplate.columns], format: req.query("format") ?? "xlsx", name: "catalog-template")
        }
    }

    static func query(_ req: Request) throws -> CatalogQuery {
        CatalogQuery(
            text: req.query("q"), fieldName: req.query("field"), providerID: try req.intQuery("providerID").map(Int64.init),
            sharing: try req.enumQuery("sharing", SharingAttribute.self), open: try req.enumQuery("open", OpenAttribute.self),
            grade: try req.enumQuery("grade", SecurityGrade.self), resourceClass: try req.enumQuery("class", ResourceClass.self),
            includeRetired: req.query("includeRetired") == "true",
            page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset")))
    }

    static func collect(_ req: Request, limit: Int) async throws -> Data {
        do {
            return Data(buffer: try await req.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw Problem(status: .contentTooLarge, kind: "too-large", titleKey: "problem.tooLarge",
                detail: Strings.format("problem.detail.tooLarge", ["limit": String(limit)]))
        }
    }

    static func spreadsheet(_ rows: [[String]], format: String, name: String, sheetName: String = "目录") throws -> Response {
        switch format {
        case "csv":
            return Reply.bytes(CSV.write(rows), contentType: "text/csv; charset=utf-8", filename: "\(name).csv")
        case "xlsx":
            let sheets = sheetName == "目录" ? [Sheet(name: sheetName, rows: rows), Sheet(name: "填写说明", rows: CatalogTemplate.guide)] : [Sheet(name: sheetName, rows: rows)]
            let data = try XLSX.write(sheets)
            return Reply.bytes(data, contentType: xlsxType, filename: "\(name).xlsx")
        default:
            throw Problem.badRequest(field: "format", Strings.format("v.invalidValue", ["value": format, "allowed": "xlsx, csv"]))
        }
    }
}

struct DiffView: Encodable {
    var code: String
    var from: Int
    var to: Int
    var changes: [CatalogChange]
}
