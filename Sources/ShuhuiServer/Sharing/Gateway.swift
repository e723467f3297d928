import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import ShuhuiCore
import ShuhuiStore

/// `/gateway/{service}`: consuming systems call published data services here.
///
/// Checks, in order, each refusing by default: signature headers → app key → HMAC signature →
/// timestamp window → nonce → service → grant (system, resource, API mode, not revoked, not
/// expired) → fields and parameters → rate. The granted fields are returned masked as the
/// grant says. Every call, refused or not, is metered before its response leaves.
struct Gateway: Sendable {
    let store: Store
    /// Key, signature, time and nonce checks, shared with the other gateway routes.
    let auth: GatewayAuthenticator
    let limiter = RateLimiter()
    /// The clock, replaceable in tests.
    var now: @Sendable () -> Date = { Date() }

    static let maxBody = 64 * 1024

    func register(_ api: APIRegistry) {
        api.add(.init(method: .get, path: "/gateway/{service}", tag: "gateway",
                      summary: "Call a published data service (接口) as a consuming system: signed, authorised by a grant, masked, rate-limited and metered. "
                          + "Its own query parameters are in /api/v1/services/{code}/openapi.json",
                      signed: true, query: [("limit", "integer"), ("offset", "integer")], response: "GatewayPage")) { req, ctx in
            try await self.handle(req, ctx)
        }
    }

    /// What is known about a call as it goes through the checks, for the meter.
    struct Trace {
        var caller: GatewayCaller?
        var service: DataService?
        var grant: Grant?
        var storeMicros: Int64 = 0
        var rows = 0
        var masker: Masker?
        var resource: Resource?
        /// The call's query parameters, parsed once.
        var query: [String: String] = [:]
    }

    func handle(_ req: Request, _ ctx: AppContext) async throws -> Response {
        let started = ContinuousClock.now
        let at = now()
        var trace = Trace()
        trace.query = Self.query(req)
        var response: Response
        do {
            response = try await serve(req, ctx, at: at, trace: &trace)
        } catch {
            response = ProblemMiddleware.problem(for: error, logger: ctx.logger).response(language: ctx.language, instance: req.uri.path)
        }
        let bytes = response.body.contentLength ?? 0
        let elapsed = Self.micros(ContinuousClock.now - started)
        let call = CallRecord(
            at: at, appKey: trace.caller?.appKey, systemID: trace.caller?.systemID ?? 0, organizationID: trace.caller?.organizationID ?? 0,
            serviceID: trace.service?.id ?? 0, grantID: trace.grant?.id, status: Int(response.status.code),
            gatewayMicros: max(elapsed - trace.storeMicros, 0), storeMicros: trace.storeMicros, rows: trace.rows, bytes: bytes,
            params: Self.loggedParameters(trace))
        do {
            try await store.meter(call)
        } catch {
            // A call that cannot be metered is not answered with data.
            ctx.logger.error("metering failed", metadata: ["error": "\(error)"])
            return Problem(status: .serviceUnavailable, kind: "metering-unavailable", titleKey: "problem.internal",
                           detail: Strings["problem.detail.internal"]).response(language: ctx.language, instance: req.uri.path)
        }
        return response
    }

    private func serve(_ req: Request, _ ctx: AppContext, at: Date, trace: inout Trace) async throws -> Response {
        _ = try await auth.authenticate(req, at: at, maxBody: Self.maxBody, caller: &trace.caller)
        guard let caller = trace.caller else { throw GatewayAuthenticator.unauthorized("gateway.bad_key") }

        let code = try ctx.parameters.require("service")
        guard let (service, resource) = try await store.gatewayService(code: code), service.state != .draft else {
            throw Problem(status: .notFound, kind: "not-found", titleKey: "problem.notFound", detail: Strings.format("gateway.no_service", ["service": code]))
        }
        trace.service = service
        trace.resource = resource
        trace.masker = try await store.masker(forUnit: caller.organizationID)
        let query = trace.query
        let grants = try await store.gatewayGrants(systemID: caller.systemID)
        let authorized: (grant: Grant, fields: [String])
        do {
            authorized = try GatewayPolicy.authorize(service: service, grants: grants, query: query, today: CalendarDate(beijing: at))
        } catch {
            trace.grant = grants.first { $0.resourceID == service.resourceID && $0.mode == .api }
            throw Self.problem(error, service: code)
        }
        let grant = authorized.grant
        trace.grant = grant
        let limit = try Self.int(query["limit"], "limit", default: service.draft.pageSize, range: 1...DataServiceDraft.maxPageSize)
        let offset = try Self.int(query["offset"], "offset", default: 0, range: 0...1_000_000)

        let rate = limiter.take(grant: grant.id, limit: grant.ratePerMinute ?? service.draft.ratePerMinute, now: at)
        var headers: HTTPFields = [:]
        headers[HTTPField.Name("X-RateLimit-Limit")!] = String(rate.limit)
        headers[HTTPField.Name("X-RateLimit-Remaining")!] = String(rate.remaining)
        headers[HTTPField.Name("X-RateLimit-Reset")!] = String(rate.reset)
        guard rate.allowed else {
            var p = Problem(status: .tooManyRequests, kind: "rate-limited", titleKey: "problem.forbidden",
                            detail: Strings.format("gateway.rate", ["limit": String(rate.limit), "reset": String(rate.reset)]))
            p.headers = headers
            p.headers[.retryAfter] = String(rate.reset)
            throw p
        }

        let filters = query.filter { !GatewayPolicy.reserved.contains($0.key) }
        let lookupStart = ContinuousClock.now
        let result = try await store.lookup(resource, fields: authorized.fields, filters: filters, limit: limit, offset: offset)
        trace.storeMicros = Self.micros(ContinuousClock.now - lookupStart)
        trace.rows = result.rows.count
        let masker = trace.masker ?? Masker { _ in "" }
        let json = Self.page(result.rows, fields: authorized.fields, masks: grant.masks, masker: masker, limit: limit, offset: offset, hasMore: result.hasMore)
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// `{"data":[{field: masked value…}…],"hasMore":…,"limit":…,"offset":…}`, written by hand
    /// (the same text `JSONEncoder` with sorted keys gives, at a fraction of its cost).
    static func page(_ rows: [[String: TypedValue?]], fields: [String], masks: [String: MaskKind], masker: Masker,
                     limit: Int, offset: Int, hasMore: Bool) -> [UInt8] {
        let sorted = fields.sorted()
        var w = JSONWriter(capacity: 64 + rows.count * fields.count * 32)
        w.raw("{\"data\":[")
        for (i, row) in rows.enumerated() {
            w.raw(i == 0 ? "{" : ",{")
            for (j, f) in sorted.enumerated() {
                if j > 0 { w.raw(",") }
                w.string(f)
                w.raw(":")
                w.value(masker.mask(row[f] ?? nil, masks[f] ?? .none))
            }
            w.raw("}")
        }
        w.raw("],\"hasMore\":")
        w.raw(hasMore ? "true" : "false")
        w.raw(",\"limit\":")
        w.raw(String(limit))
        w.raw(",\"offset\":")
        w.raw(String(offset))
        w.raw("}")
        return w.bytes
    }

    static func query(_ req: Request) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in req.uri.queryParameters { out[String(k)] = String(v) }
        return out
    }

    static func int(_ text: String?, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw Problem.badRequest(field: name, Strings.format("v.invalidValue", ["value": text, "allowed": "\(range.lowerBound)–\(range.upperBound)"]))
        }
        return n
    }

    static func problem(_ denial: GatewayDenial, service: String) -> Problem {
        func forbidden(_ key: String, _ values: [String: String] = [:]) -> Problem {
            Problem(status: .forbidden, kind: "forbidden", titleKey: "problem.forbidden", detail: Strings.format(key, values))
        }
        switch denial {
        case .serviceUnavailable:
            return Problem(status: .gone, kind: "gone", titleKey: "problem.notFound", detail: Strings.format("gateway.unavailable", ["service": service]))
        case .noGrant: return forbidden("gateway.no_grant")
        case .grantExpired: return forbidden("gateway.expired")
        case .grantRevoked: return forbidden("gateway.revoked")
        case .fieldNotGranted(let f): return forbidden("gateway.field", ["field": f])
        case .unknownParameter(let f): return Problem.badRequest(field: f, Strings.format("gateway.parameter", ["field": f]))
        case .missingParameter(let f): return Problem.badRequest(field: f, Strings.format("gateway.missing", ["field": f]))
        }
    }

    /// The call's parameters for the audit record, masked (see ``Store/maskedParameters(_:grant:resource:masker:)``).
    static func loggedParameters(_ trace: Trace) -> String {
        Store.maskedParameters(trace.query, grant: trace.grant, resource: trace.resource, masker: trace.masker ?? Masker { _ in "" })
    }

    static func micros(_ d: Duration) -> Int64 {
        d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
    }
}
