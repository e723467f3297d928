import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiSpreadsheet
import ShuhuiStore

/// Collection and quality: `/api/v1/resources/{code}/batches|records|problems|quality`, `/api/v1/quality/summary`.
enum CollectionAPI {
    static func register(_ api: APIRegistry, store: Store) {
        api.add(.init(method: .post, path: "/api/v1/resources/{code}/batches", tag: "collection",
                      summary: "Push a batch of records (CSV with header, JSON lines or JSON array; streamed). Idempotency-Key makes retries safe.",
                      query: [("format", "string"), ("mode", "string"), ("charset", "string"), ("dryRun", "boolean")], body: "records", response: "BatchReport", status: 201)) { req, ctx in
            let p = try ctx.requirePrincipal()
            let code = try ctx.parameters.require("code")
            let options = try ingestOptions(req)
            let report = try await store.ingest(code: code, chunks: req.body.map { Data(buffer: $0) }, options: options, by: p)
            return try Reply.json(report, status: report.replayed || options.dryRun ? .ok : .created)
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/batches", tag: "collection", summary: "A resource's batches, newest first",
                      query: [("limit", "integer"), ("offset", "integer")], response: "BatchPage")) { req, ctx in
            _ = try ctx.requirePrincipal()
            return try Reply.json(try await store.batches(code: try ctx.parameters.require("code"), page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset"))))
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/records", tag: "collection", summary: "Stored records (the provider's unit and the bureau)",
                      query: [("limit", "integer"), ("offset", "integer")], response: "RecordPage")) { req, ctx in
            let code = try ctx.parameters.require("code")
            try await checkProvider(ctx, code: code, store: store)
            return try Reply.json(try await store.records(code: code, page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset"))))
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/problems", tag: "quality",
                      summary: "Problem data (问题数据) returned to the provider; format=csv|xlsx downloads the open rows to fix and resubmit",
                      query: [("status", "string"), ("format", "string"), ("limit", "integer"), ("offset", "integer")], response: "ProblemPage")) { req, ctx in
            let code = try ctx.parameters.require("code")
            try await checkProvider(ctx, code: code, store: store)
            switch req.query("format") ?? "json" {
            case "json":
                let status = req.query("status") ?? "open"
                guard ["open", "closed", "all"].contains(status) else {
                    throw Problem.badRequest(field: "status", Strings.format("v.invalidValue", ["value": status, "allowed": "open, closed, all"]))
                }
                return try Reply.json(try await store.problems(code: code, status: status == "all" ? nil : status,
                                                               page: PageRequest(limit: try req.intQuery("limit"), offset: try req.intQuery("offset"))))
            case let format:
                return try CatalogAPI.spreadsheet(try await store.problemSheet(code: code), format: format, name: "problems-\(code)", sheetName: "问题数据")
            }
        }
        api.add(.init(method: .get, path: "/api/v1/resources/{code}/quality", tag: "quality", summary: "A resource's quality: score, pass rate per dimension per day, worst rules",
                      query: [("days", "integer")], response: "ResourceQuality")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let days = min(max(try req.intQuery("days") ?? 30, 1), 366)
            return try Reply.json(try await store.quality(code: try ctx.parameters.require("code"), days: days))
        }
        api.add(.init(method: .get, path: "/api/v1/quality/summary", tag: "quality", summary: "Quality per unit and city-wide, with the governance progress figure",
                      query: [("days", "integer")], response: "QualitySummary")) { req, ctx in
            _ = try ctx.requirePrincipal()
            let days = min(max(try req.intQuery("days") ?? 30, 1), 366)
            return try Reply.json(try await store.qualitySummary(days: days))
        }
    }

    /// Format from `?format=` or the Content-Type; charset from `?charset=` or the Content-Type's parameter.
    static func ingestOptions(_ req: Request) throws -> IngestOptions {
        let contentType = (req.headers[.contentType] ?? "").lowercased()
        let format: IngestFormat
        if let f = try req.enumQuery("format", IngestFormat.self) {
            format = f
        } else if contentType.contains("ndjson") || contentType.contains("jsonl") || contentType.contains("jsonlines") {
            format = .jsonl
        } else if contentType.hasPrefix("application/json") {
            format = .json
        } else {
            format = .csv
        }
        var charsetName = req.query("charset")
        if charsetName == nil, let range = contentType.range(of: "charset=") {
            charsetName = String(contentType[range.upperBound...].prefix { $0 != ";" }).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        }
        var charset: StreamCharset?
        switch charsetName?.lowercased() {
        case nil: charset = nil
        case "utf-8", "utf8": charset = .utf8
        case "gb18030", "gbk", "gb2312": charset = .gb18030
        case let other?:
            throw Problem.badRequest(field: "charset", Strings.format("v.invalidValue", ["value": other, "allowed": "utf-8, gb18030, gbk"]))
        }
        let key = req.headers[.init("Idempotency-Key")!].map { String($0.prefix(200)) }
        var options = IngestOptions(format: format, mode: try req.enumQuery("mode", IngestMode.self) ?? .append, charset: charset, idempotencyKey: key)
        options.dryRun = req.query("dryRun") == "true"
        options.expectedBytes = req.headers[.contentLength].flatMap { Int($0) }
        return options
    }

    /// Stored records and problem rows are the provider's: its own unit and the bureau see them.
    static func checkProvider(_ ctx: AppContext, code: String, store: Store) async throws {
        let p = try ctx.requirePrincipal()
        let r = try await store.resource(code: code)
        if p.role == .admin || p.role == .auditor { return }
        guard p.role == .officer, p.organizationID == r.draft.providerID else {
            throw Problem.forbidden(p.role == .officer ? .scope(ownUnit: p.organizationID) : .role(p.role))
        }
    }
}
