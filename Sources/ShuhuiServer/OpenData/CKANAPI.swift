import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import NIOFoundationCompat
import ShuhuiCore
import ShuhuiStore

/// CKAN's Action API v3 at `/api/action/{name}` and `/api/3/action/{name}`, GET (query string)
/// and POST (JSON body), with CKAN's envelope `{"help","success","result"}` and its error
/// shape `{"success":false,"error":{"__type","message"}}`, so `ckanapi` and harvesters work
/// unchanged. Every answer, error or not, is built here: CKAN clients never see problem+json.
enum CKANAPI {
    static func register(_ router: Router<AppContext>, store: Store) {
        for prefix in ["/api/action", "/api/3/action"] {
            router.get(RouterPath(prefix + "/{action}")) { req, ctx in await handle(req, ctx, store: store) }
            router.post(RouterPath(prefix + "/{action}")) { req, ctx in await handle(req, ctx, store: store) }
        }
    }

    typealias Action = @Sendable (CKANParams, CKANContext) async throws -> Any

    /// What an action needs besides its parameters.
    struct CKANContext: Sendable {
        let store: Store
        let request: Request
        let base: String
        let logger: Logger
    }

    static let actions: [String: Action] = [
        "package_list": CKANActions.packageList,
        "package_search": CKANActions.packageSearch,
        "package_show": CKANActions.packageShow,
        "organization_list": CKANActions.organizationList,
        "organization_show": CKANActions.organizationShow,
        "group_list": CKANActions.groupList,
        "group_show": CKANActions.groupShow,
        "tag_list": CKANActions.tagList,
        "resource_show": CKANActions.resourceShow,
        "datastore_search": CKANDatastore.search,
        "datastore_info": CKANDatastore.info,
        "status_show": CKANActions.statusShow,
    ]

    static func handle(_ req: Request, _ ctx: AppContext, store: Store) async -> Response {
        let name = ctx.parameters.get("action") ?? ""
        let base = OpenDataRoutes.base(req)
        let help = "\(base)/api/3/action/help_show?name=\(name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")"
        guard let action = actions[name] else {
            return reply(["help": help, "success": false,
                          "error": ["__type": "Bad Request", "message": "Bad request - Action name not known: \(name)"]], status: .badRequest)
        }
        do {
            let params = try await CKANParams.read(req, ctx)
            let result = try await action(params, CKANContext(store: store, request: req, base: base, logger: ctx.logger))
            return reply(["help": help, "success": true, "result": result], status: .ok)
        } catch let e as CKANError {
            return reply(["help": help, "success": false, "error": e.body], status: e.status)
        } catch {
            let e = CKANError(error, logger: ctx.logger)
            return reply(["help": help, "success": false, "error": e.body], status: e.status)
        }
    }

    static func reply(_ object: [String: Any], status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json;charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A CKAN error: one of CKAN's `__type`s with its HTTP status.
struct CKANError: Error {
    var status: HTTPResponse.Status
    var type: String
    var message: String
    /// Per-field messages for validation errors (CKAN puts them beside `__type`).
    var fields: [String: [String]] = [:]

    var body: [String: Any] {
        var out: [String: Any] = ["__type": type, "message": message]
        for (k, v) in fields { out[k] = v }
        return out
    }

    static func notFound(_ message: String = "Not found") -> CKANError { CKANError(status: .notFound, type: "Not Found Error", message: message) }
    static func validation(_ field: String, _ message: String) -> CKANError {
        CKANError(status: .conflict, type: "Validation Error", message: "\(field): \(message)", fields: [field: [message]])
    }
    static func authorization(_ message: String) -> CKANError { CKANError(status: .forbidden, type: "Authorization Error", message: message) }
    static func search(_ message: String) -> CKANError { CKANError(status: .badRequest, type: "Search Query Error", message: "Search error: \(message)") }
    static func badRequest(_ message: String) -> CKANError { CKANError(status: .badRequest, type: "Bad Request", message: "Bad request - \(message)") }

    /// Maps the store's and the policy's errors to CKAN's types.
    init(status: HTTPResponse.Status, type: String, message: String, fields: [String: [String]] = [:]) {
        self.status = status
        self.type = type
        self.message = message
        self.fields = fields
    }

    init(_ error: any Error, logger: Logger) {
        switch error {
        case let e as SearchQueryError: self = .search(e.message)
        case let d as OpenDenial:
            switch d {
            case .restricted: self = .authorization(Strings["open.err.restricted"].en)
            case .badKey: self = .authorization(Strings["open.err.key"].en)
            case .quota(let q): self = .authorization(Strings.format("open.err.quota", ["quota": String(q)]).en)
            }
        case let e as StoreError:
            switch e {
            case .notFound: self = .notFound()
            case .invalid(let failure):
                var fields: [String: [String]] = [:]
                for i in failure.issues { fields[i.field ?? "data", default: []].append(i.message.en) }
                self.init(status: .conflict, type: "Validation Error",
                          message: failure.issues.map { "\($0.field ?? "data"): \($0.message.en)" }.joined(separator: "; "), fields: fields)
            default: self.init(status: .conflict, type: "Validation Error", message: "\(e)")
            }
        default:
            logger.error("CKAN action failed", metadata: ["error": "\(String(reflecting: error))"])
            self.init(status: .internalServerError, type: "Internal Server Error", message: "Internal server error")
        }
    }
}

/// An action's parameters: the query string of a GET, the JSON object of a POST. CKAN
/// clients send numbers and lists either as JSON values or as strings, so both are read.
struct CKANParams: @unchecked Sendable {
    let values: [String: Any]

    static func read(_ req: Request, _ ctx: AppContext) async throws -> CKANParams {
        var values: [String: Any] = [:]
        for (k, v) in OpenDataRoutes.formQuery(req) { values[k] = v }
        guard req.method == .post else { return CKANParams(values: values) }
        let buffer: ByteBuffer
        do {
            buffer = try await req.body.collect(upTo: 1 << 20)
        } catch {
            throw CKANError.badRequest("request body too large")
        }
        let data = Data(buffer: buffer)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return CKANParams(values: values) }
        let contentType = req.headers[.contentType]?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
                if let k = kv.first { values[k] = kv.count > 1 ? kv[1] : "" }
            }
            return CKANParams(values: values)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            throw CKANError.badRequest("JSON Error: the body is not valid JSON")
        }
        guard let dict = object as? [String: Any] else {
            throw CKANError.badRequest("Bad request data: Request data JSON decoded to a non-dictionary, but it needs to be a dictionary.")
        }
        return CKANParams(values: dict)
    }

    /// A string parameter (numbers are given as text).
    func string(_ key: String) -> String? {
        switch values[key] {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// A required string, or a 409 naming the key.
    func require(_ key: String) throws -> String {
        guard let s = string(key)?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { throw CKANError.validation(key, "Missing value") }
        return s
    }

    /// A non-negative integer with a default, capped at `max` as CKAN caps it.
    func int(_ key: String, default value: Int, max: Int? = nil) throws -> Int {
        guard let raw = values[key], !(raw is NSNull) else { return value }
        var n: Int?
        if let num = raw as? NSNumber { n = num.intValue }
        if let s = raw as? String { n = s.isEmpty ? value : Int(s.trimmingCharacters(in: .whitespaces)) }
        guard let n else { throw CKANError.validation(key, "Invalid integer") }
        guard n >= 0 else { throw CKANError.validation(key, "Must be a natural number") }
        if let max { return Swift.min(n, max) }
        return n
    }

    /// A boolean: JSON true/false or "true"/"false"/"1"/"0".
    func bool(_ key: String, default value: Bool) throws -> Bool {
        guard let raw = values[key] else { return value }
        if let b = raw as? Bool { return b }
        if let s = (raw as? String)?.lowercased() {
            if ["true", "1", "yes", "on"].contains(s) { return true }
            if ["false", "0", "no", "off", ""].contains(s) { return false }
        }
        if let n = raw as? NSNumber { return n.boolValue }
        throw CKANError.validation(key, "Value must be one of: true, false")
    }

    /// A list: a JSON array, a string holding a JSON array, or a comma-separated string.
    func list(_ key: String) throws -> [String]? {
        guard let raw = values[key] else { return nil }
        if let a = raw as? [Any] { return a.map { "\($0)" } }
        if let s = raw as? String {
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("[") {
                guard let a = (try? JSONSerialization.jsonObject(with: Data(t.utf8))) as? [Any] else { throw CKANError.validation(key, "Not a list") }
                return a.map { "\($0)" }
            }
            return t.isEmpty ? [] : t.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        throw CKANError.validation(key, "Not a list")
    }

    /// An object: a JSON object or a string holding one.
    func object(_ key: String) throws -> [String: Any]? {
        guard let raw = values[key] else { return nil }
        if let d = raw as? [String: Any] { return d }
        if let s = raw as? String {
            if s.isEmpty { return nil }
            guard let d = (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] else { throw CKANError.validation(key, "Not a JSON object") }
            return d
        }
        throw CKANError.validation(key, "Not a JSON object")
    }
}
