import Foundation
import ShuhuiCore

/// Each published service's own OpenAPI 3.1 description, generated from its definition: what a
/// consuming system's developers need and nothing about other services.
enum ServiceOpenAPI {
    static func document(_ service: DataService, _ resource: Resource) -> [String: Any] {
        let fields = Dictionary(resource.draft.fields.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func schema(_ code: String) -> [String: Any] {
            guard let f = fields[code] else { return ["type": "string"] }
            var s: [String: Any]
            switch f.type {
            case .integer: s = ["type": ["integer", "string"]]
            case .decimal: s = ["type": ["number", "string"]]
            case .boolean: s = ["type": ["boolean", "string"]]
            case .date: s = ["type": "string", "format": "date"]
            case .datetime, .string: s = ["type": "string"]
            }
            s["title"] = f.name
            if !f.summary.isEmpty { s["description"] = f.summary }
            return s
        }
        var parameters: [[String: Any]] = service.draft.parameters.map { p in
            ["name": p.field, "in": "query", "required": p.required, "schema": ["type": "string"],
             "description": "\(fields[p.field]?.name ?? p.field)（精确匹配 / exact match）"]
        }
        parameters += [
            ["name": "fields", "in": "query", "required": false, "schema": ["type": "string"], "description": "comma-separated subset of the granted fields"],
            ["name": "limit", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": DataServiceDraft.maxPageSize, "default": service.draft.pageSize]],
            ["name": "offset", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 0, "default": 0]],
        ]
        for (name, description) in [
            ("X-App-Key", "the consuming system's app key"),
            ("X-Timestamp", "Unix seconds; within 300 s of the server's clock"),
            ("X-Nonce", "unique per call (not reusable)"),
            ("X-Signature", "base64(HMAC-SHA256(secret, METHOD \\n PATH \\n sorted query \\n timestamp \\n nonce \\n hex(SHA-256(body))))"),
        ] {
            parameters.append(["name": name, "in": "header", "required": true, "schema": ["type": "string"], "description": description])
        }
        let record: [String: Any] = ["type": "object", "properties": Dictionary(uniqueKeysWithValues: service.draft.fields.map { ($0, schema($0)) })]
        let problem: [String: Any] = ["application/problem+json": ["schema": ["type": "object"]]]
        let operation: [String: Any] = [
            "operationId": "call_" + service.draft.code.replacingOccurrences(of: "-", with: "_"),
            "summary": service.draft.name,
            "description": service.draft.summary + "\n\n资源 / resource: \(resource.code) \(resource.draft.name). Masked fields return masked values per your grant.",
            "parameters": parameters,
            "responses": [
                "200": ["description": "OK", "content": ["application/json": ["schema": [
                    "type": "object",
                    "properties": ["data": ["type": "array", "items": record], "limit": ["type": "integer"], "offset": ["type": "integer"], "hasMore": ["type": "boolean"]],
                ]]]],
                "401": ["description": "missing key, bad signature, stale timestamp or replayed nonce", "content": problem],
                "403": ["description": "no grant, expired or revoked grant, field not granted", "content": problem],
                "429": ["description": "over the grant's rate; see X-RateLimit-* headers", "content": problem],
            ],
        ]
        return [
            "openapi": "3.1.0",
            "info": ["title": service.draft.name, "version": service.publishedAt.map { String(Int($0.timeIntervalSince1970)) } ?? "draft",
                     "description": "数汇 data service \(service.draft.code); state \(service.state.rawValue)"],
            "servers": [["url": "/"]],
            "paths": ["/gateway/\(service.draft.code)": ["get": operation]],
        ]
    }
}
