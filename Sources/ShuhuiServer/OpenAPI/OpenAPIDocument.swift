import Foundation
import HTTPTypes

/// Builds the OpenAPI 3.1 document from the registered operations, so `/openapi.json`
/// describes exactly the routes the server answers.
enum OpenAPIDocument {
    static func build(_ operations: [APIOperation]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var operation: [String: Any] = [
                "tags": [op.tag], "summary": op.summary,
                "operationId": op.method.rawValue.lowercased() + op.path.split(separator: "/").map { $0.hasPrefix("{") ? "By" + $0.dropFirst().dropLast().capitalized : $0.capitalized }.joined(),
            ]
            var parameters: [[String: Any]] = []
            for segment in op.path.split(separator: "/") where segment.hasPrefix("{") {
                let name = String(segment.dropFirst().dropLast())
                parameters.append(["name": name, "in": "path", "required": true, "schema": ["type": name == "code" || name == "service" ? "string" : "integer"]])
            }
            if op.signed {
                for (name, about) in signatureHeaders {
                    parameters.append(["name": name, "in": "header", "required": true, "description": about, "schema": ["type": "string"]])
                }
            }
            for (name, type) in op.query {
                parameters.append(["name": name, "in": "query", "required": false, "schema": ["type": type]])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let body = op.body {
                operation["requestBody"] = ["required": true, "content": content(body)]
            }
            var responses: [String: Any] = [:]
            var success: [String: Any] = ["description": "OK"]
            if let response = op.response { success["content"] = content(response) }
            responses[String(op.status)] = success
            let problem: [String: Any] = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
            responses["4XX"] = ["description": "Problem (RFC 9457) naming the field at fault", "content": problem]
            operation["responses"] = responses
            operation["security"] = op.signed ? [["appKey": [String]()]] : op.authenticated ? [["bearer": [String]()]] : [[String: Any]]()
            paths[op.path, default: [:]][op.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Shuhui 数汇 API", "version": "1.0.0",
                     "description": "Public data resource platform: units, systems census, catalog. Errors are application/problem+json with zh-CN and en messages."],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"],
                    "appKey": ["type": "apiKey", "in": "header", "name": "X-App-Key",
                               "description": "A consuming system's app key; the call is also signed (X-Timestamp, X-Nonce, X-Signature)."],
                ],
                "schemas": Schemas.all,
            ],
        ]
    }

    /// The headers of a signed call besides `X-App-Key` (the security scheme).
    private static let signatureHeaders = [
        ("X-Timestamp", "Unix seconds; refused more than 300 s from the server's clock"),
        ("X-Nonce", "Unique per call; a nonce seen in the last 11 minutes is refused"),
        ("X-Signature", "base64(HMAC-SHA256(secret, METHOD \\n PATH \\n CANONICAL-QUERY \\n TIMESTAMP \\n NONCE \\n hex(SHA-256(body))))"),
    ]

    private static func content(_ name: String) -> [String: Any] {
        switch name {
        case "records":
            return ["text/csv": ["schema": ["type": "string"]], "application/x-ndjson": ["schema": ["type": "string"]],
                    "application/json": ["schema": ["type": "array", "items": ["type": "object"]]]]
        case "bulletinFile":
            return ["text/html": ["schema": ["type": "string"]], "text/csv": ["schema": ["type": "string"]],
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["schema": ["type": "string", "format": "binary"]],
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["schema": ["type": "string", "format": "binary"]]]
        case "text/csv":
            return ["text/csv": ["schema": ["type": "string"]]]
        case "spreadsheet":
            return [CatalogAPI.xlsxType: ["schema": ["type": "string", "format": "binary"]], "text/csv": ["schema": ["type": "string"]]]
        default:
            return ["application/json": ["schema": ["$ref": "#/components/schemas/\(name)"]]]
        }
    }
}

/// JSON Schemas of the bodies, written out by hand and checked by the OpenAPI test.
enum Schemas {
    static func object(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": props]
        if !required.isEmpty { o["required"] = required }
        return o
    }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    static func list(_ name: String) -> [String: Any] { object(["items": ["type": "array", "items": ref(name)]], required: ["items"]) }
    static func page(_ name: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ref(name)], "total": ["type": "integer"], "limit": ["type": "integer"], "offset": ["type": "integer"]],
               required: ["items", "total", "limit", "offset"])
    }
    static func strings(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    static var string: [String: Any] { ["type": "string"] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var boolean: [String: Any] { ["type": "boolean"] }
    static var dateTime: [String: Any] { ["type": "string", "format": "date-time"] }

    static var all: [String: Any] { base.merging(sharing) { a, _ in a }.merging(openData) { a, _ in a }.merging(oneWindow) { a, _ in a }.merging(bulletin) { a, _ in a } }

    private static var base: [String: Any] {
        let field = object([
            "name": string, "code": ["type": "string", "pattern": "^[a-z][a-z0-9_]*$"], "type": strings(["string", "integer", "decimal", "date", "datetime", "boolean"]),
            "length": integer, "required": boolean, "primaryKey": boolean, "summary": string,
            "sensitivity": strings(["L1", "L2", "L3", "L4"]), "sharing": strings(["unconditional", "conditional", "notShared"]),
        ], required: ["name", "code", "type"])
        let draft = object([
            "name": string, "categoryCode": ["type": "string", "pattern": "^[1-3][0-9]{5,11}$"], "providerID": integer, "sourceSystemID": integer,
            "summary": string, "format": strings(["table", "file", "service"]),
            "updateCycle": strings(["realtime", "daily", "weekly", "monthly", "quarterly", "yearly", "irregular"]),
            "sharing": strings(["unconditional", "conditional", "notShared"]), "sharingCondition": string,
            "sharingModes": ["type": "array", "items": strings(["push", "api", "query"])],
            "open": strings(["open", "restricted", "notOpen"]), "openCondition": string, "grade": strings(["L1", "L2", "L3", "L4"]),
            "publishedOn": ["type": "string", "format": "date"], "relatedCodes": ["type": "array", "items": string],
            "tags": ["type": "array", "items": string], "fields": ["type": "array", "items": ref("Field")],
            "rules": ["type": "array", "items": ref("QualityRule")],
        ], required: ["name", "categoryCode", "providerID", "sharing", "open", "grade"])
        let issue = object(["field": string, "sheet": string, "row": integer, "column": string, "code": string, "message": string, "messages": ["type": "object"]], required: ["code", "message"])
        return [
            "Problem": object(["type": string, "title": string, "status": integer, "detail": string, "instance": string,
                               "messages": object(["zh-CN": string, "en": string]), "errors": ["type": "array", "items": ref("FieldIssue")]],
                              required: ["type", "title", "status"]),
            "FieldIssue": issue,
            "Organization": object(["id": integer, "code": string, "name": string, "shortName": string,
                                    "kind": strings(["department", "district", "township", "company", "provincialCentre"]),
                                    "parentID": integer, "regionCode": string, "createdAt": dateTime]),
            "OrganizationInput": object(["code": ["type": "string", "description": "统一社会信用代码"], "name": string, "shortName": string,
                                         "kind": strings(["department", "district", "township", "company", "provincialCentre"]),
                                         "parentID": integer, "regionCode": ["type": "string", "pattern": "^[0-9]{6}$"]],
                                        required: ["code", "name", "kind", "regionCode"]),
            "OrganizationList": list("Organization"),
            "InformationSystem": object(["id": integer, "organizationID": integer, "code": string, "name": string,
                                         "level": strings(["national", "provincial", "municipal", "district"]),
                                         "status": strings(["planned", "running", "retired"]), "owner": string, "summary": string, "createdAt": dateTime]),
            "SystemInput": object(["organizationID": integer, "code": string, "name": string, "level": strings(["national", "provincial", "municipal", "district"]),
                                   "status": strings(["planned", "running", "retired"]), "owner": string, "summary": string],
                                  required: ["organizationID", "code", "name", "level"]),
            "SystemPage": page("InformationSystem"),
            "CensusStatistics": object(["total": integer, "running": integer, "upperLevel": integer, "localLevel": integer,
                                        "byLevel": ["type": "object"], "byStatus": ["type": "object"], "organizations": integer,
                                        "organizationsByKind": ["type": "object"], "byUnit": ["type": "array", "items": ["type": "object"]]]),
            "Field": field,
            "QualityRule": object([
                "kind": strings(["notNull", "type", "length", "pattern", "codeList", "range", "residentID", "creditCode", "mobile", "landline", "phone",
                                 "dateNotFuture", "unique", "crossField", "reference", "timeliness"]),
                "field": string, "dimension": strings(["completeness", "accuracy", "conformity", "consistency", "uniqueness", "relations", "timeliness"]),
                "values": ["type": "array", "items": string], "pattern": string, "min": ["type": "number"], "max": ["type": "number"],
                "minDate": string, "maxDate": string, "maxLength": integer, "otherField": string, "check": strings(["birthDateMatchesID", "after"]),
                "referenceResource": string, "referenceField": string, "scope": strings(["batch", "stored"]), "name": string,
            ], required: ["kind"]),
            "BatchReport": object(["id": integer, "resourceCode": string, "organizationID": integer, "status": strings(["running", "committed", "rejected"]),
                                   "mode": strings(["append", "upsert", "replace"]), "format": strings(["csv", "jsonl", "json"]),
                                   "rowsTotal": integer, "rowsStored": integer, "problemRows": integer, "bytes": integer,
                                   "dimensions": ["type": "object"], "actorName": string, "startedAt": dateTime, "finishedAt": dateTime,
                                   "replayed": boolean, "error": string]),
            "BatchPage": page("BatchReport"),
            "RecordPage": object(["items": ["type": "array", "items": ["type": "object"]], "total": integer, "limit": integer, "offset": integer]),
            "ProblemRecord": object(["id": integer, "batchID": integer, "rowNumber": integer, "key": string, "field": string, "rule": string,
                                     "dimension": string, "value": string, "message": object(["zh-CN": string, "en": string]),
                                     "raw": ["type": "object"], "status": strings(["open", "closed"]), "createdAt": dateTime, "closedAt": dateTime]),
            "ProblemPage": page("ProblemRecord"),
            "ResourceQuality": object(["code": string, "name": string, "organizationID": integer, "score": ["type": "number"],
                                       "dimensions": ["type": "object"], "daily": ["type": "array", "items": ["type": "object"]],
                                       "worstRules": ["type": "array", "items": ["type": "object"]], "openProblems": integer, "batches": integer,
                                       "rowsCollected": integer, "lastBatchAt": dateTime, "timely": boolean, "latestBatchClean": boolean]),
            "QualitySummary": object(["dimensions": ["type": "object"], "score": ["type": "number"], "resources": integer,
                                      "collectedResources": integer, "governedResources": integer, "governanceProgress": ["type": "number"],
                                      "units": ["type": "array", "items": ["type": "object"]]]),
            "ResourceDraft": draft,
            "Resource": object(["id": integer, "code": string, "draft": ref("ResourceDraft"), "version": integer,
                                "status": strings(["active", "retired"]), "createdAt": dateTime, "updatedAt": dateTime]),
            "ResourceSummary": object(["code": string, "name": string, "categoryCode": string, "providerID": integer, "providerName": string,
                                       "grade": string, "sharing": string, "open": string, "updateCycle": string, "status": string,
                                       "fieldCount": integer, "version": integer, "updatedAt": dateTime]),
            "ResourcePage": page("ResourceSummary"),
            "CatalogChange": object(["path": string, "kind": strings(["added", "removed", "changed"]), "before": string, "after": string]),
            "ResourceVersion": object(["version": integer, "action": string, "actorName": string, "at": dateTime,
                                       "changes": ["type": "array", "items": ref("CatalogChange")], "draft": ref("ResourceDraft")]),
            "VersionList": list("ResourceVersion"),
            "Diff": object(["code": string, "from": integer, "to": integer, "changes": ["type": "array", "items": ref("CatalogChange")]]),
            "CatalogStatistics": object(["resources": integer, "fields": integer, "shareableFields": integer, "providers": integer,
                                         "fieldsBySharing": ["type": "object"], "resourcesByGrade": ["type": "object"],
                                         "resourcesByOpen": ["type": "object"], "resourcesByClass": ["type": "object"],
                                         "byUnit": ["type": "array", "items": ["type": "object"]]]),
            "CatalogImportReport": object(["created": ["type": "array", "items": string], "updated": ["type": "array", "items": string],
                                           "unchanged": ["type": "array", "items": string], "fields": integer]),
            "LoginInput": object(["username": string, "password": string, "name": string], required: ["username", "password"]),
            "TokenInput": object(["name": string, "expiresInDays": integer], required: ["name"]),
            "APIToken": object(["id": integer, "name": string, "prefix": string, "createdAt": dateTime, "expiresAt": dateTime,
                                "revokedAt": dateTime, "lastUsedAt": dateTime]),
            "TokenList": list("APIToken"),
            "IssuedToken": object(["token": ref("APIToken"), "secret": string], required: ["token", "secret"]),
            "Principal": object(["userID": integer, "username": string, "displayName": string, "role": string, "organizationID": integer]),
            "User": object(["id": integer, "username": string, "displayName": string, "role": string, "organizationID": integer,
                            "active": boolean, "createdAt": dateTime]),
            "UserList": list("User"),
            "UserInput": object(["username": string, "displayName": string, "password": string,
                                 "role": strings(["admin", "officer", "approver", "queryUser", "auditor"]), "organizationID": integer],
                                required: ["username", "password", "role"]),
        ]
    }
}
