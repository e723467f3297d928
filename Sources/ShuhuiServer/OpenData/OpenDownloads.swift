import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ShuhuiCore
import ShuhuiStore

/// Distribution downloads: `/open/datasets/{name}/download.csv|json|xlsx` (latest version) and
/// `/open/datasets/{name}/versions/{n}/download.…`. The rows are read in keyset chunks and
/// written to the socket as they come, so any size streams in flat memory.
enum OpenDownloads {
    static func register(_ router: Router<AppContext>, store: Store) {
        router.get("/open/datasets/{name}/{file}") { req, ctx in
            try await download(req, ctx, store: store, version: nil)
        }
        router.get("/open/datasets/{name}/versions/{version}/{file}") { req, ctx in
            guard let v = Int(try ctx.parameters.require("version")) else { throw Problem.notFound("version") }
            return try await download(req, ctx, store: store, version: v)
        }
    }

    enum Format: String, CaseIterable { case csv, json, xlsx }

    static func download(_ req: Request, _ ctx: AppContext, store: Store, version: Int?) async throws -> Response {
        let name = try ctx.parameters.require("name")
        let file = try ctx.parameters.require("file")
        guard file.hasPrefix("download."), let format = Format(rawValue: String(file.dropFirst("download.".count))) else {
            throw Problem.notFound(file)
        }
        guard let ds = try await store.openDataset(name) else { throw Problem.notFound("dataset \(name)") }
        var publication = ds.latest
        if let version {
            guard let p = try await store.openPublications(ds).first(where: { $0.version == version }) else { throw Problem.notFound("version \(version)") }
            publication = p
        }
        let owner = try await OpenDataRoutes.developer(req, store: store)
        let reader = try await store.openReader(ds, publication: publication, developerID: owner?.developerID)
        try await store.countOpenUsage(ds, .download)
        let filename = "\(ds.name)-v\(publication.version).\(format.rawValue)"
        let contentType = CKANDicts.formats.first { $0.ext == format.rawValue }?.mime ?? "application/octet-stream"
        var headers: HTTPFields = [.contentType: contentType + (format == .xlsx ? "" : "; charset=utf-8")]
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        let logger = ctx.logger
        let body = ResponseBody { writer in
            do {
                try await stream(reader, format: format, sheet: ds.resource.draft.name) { buffer in try await writer.write(buffer) }
            } catch {
                // The status is gone already; the client sees a truncated body and the log says why.
                logger.error("download interrupted", metadata: ["dataset": "\(ds.name)", "error": "\(error)"])
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// Writes every row of `reader` in `format`, one buffer per chunk.
    static func stream(_ reader: OpenRowReader, format: Format, sheet: String, _ write: (ByteBuffer) async throws -> Void) async throws {
        let fields = reader.fields
        switch format {
        case .csv:
            var head = ByteBuffer()
            head.writeString(fields.map { csv($0.code) }.joined(separator: ",") + "\r\n")
            try await write(head)
            try await reader.forEachChunk { rows in
                var out = ByteBuffer()
                for row in rows {
                    out.writeString(row.map { csv($0?.description ?? "") }.joined(separator: ",") + "\r\n")
                }
                try await write(out)
            }
        case .json:
            var first = true
            var head = ByteBuffer()
            head.writeString("[")
            try await write(head)
            let keys = fields.map { jsonString($0.code) + ":" }
            try await reader.forEachChunk { rows in
                var out = ByteBuffer()
                for row in rows {
                    out.writeString(first ? "\n{" : ",\n{")
                    first = false
                    for (i, v) in row.enumerated() {
                        if i > 0 { out.writeString(",") }
                        out.writeString(keys[i])
                        out.writeString(json(v))
                    }
                    out.writeString("}")
                }
                try await write(out)
            }
            var tail = ByteBuffer()
            tail.writeString("\n]\n")
            try await write(tail)
        case .xlsx:
            var xlsx = StreamingXLSX()
            var head = xlsx.begin(sheetName: sheet)
            xlsx.row(fields.map { (text: $0.name, numeric: false) }, into: &head)
            xlsx.row(fields.map { (text: $0.code, numeric: false) }, into: &head)
            try await write(head)
            try await reader.forEachChunk { rows in
                var out = ByteBuffer()
                for row in rows {
                    xlsx.row(row.map { v -> (text: String, numeric: Bool) in
                        switch v {
                        case .integer?, .decimal?: (v!.description, true)
                        default: (v?.description ?? "", false)
                        }
                    }, into: &out)
                }
                try await write(out)
            }
            try await write(xlsx.finish())
        }
    }

    static func csv(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func json(_ v: TypedValue?) -> String {
        switch v {
        case nil: "null"
        case .integer(let i)?: String(i)
        case .decimal?: v!.description
        case .boolean(let b)?: b ? "true" : "false"
        case .text(let s)?, .date(let s)?, .datetime(let s)?: jsonString(s)
        }
    }

    /// A JSON string literal (the escaping every hand-written JSON path uses: ``JSONWriter``).
    static func jsonString(_ s: String) -> String {
        var w = JSONWriter(capacity: s.utf8.count + 2)
        w.string(s)
        return w.text
    }
}
