import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import ShuhuiCore
import ShuhuiStore

/// Who a consuming system is, proven by its app key: the checks every `/gateway/…` route runs
/// first, in order, each refusing with 401 — signature headers present → app key known →
/// HMAC signature over method, path, query, timestamp, nonce and body digest
/// (``GatewaySignature``) → timestamp within ±300 s → nonce not seen before. One instance, and
/// so one nonce cache, serves every gateway route: a nonce spent on one is spent on all.
struct GatewayAuthenticator: Sendable {
    let store: Store
    let nonces = NonceCache()

    static let appKey = HTTPField.Name("X-App-Key")!
    static let timestamp = HTTPField.Name("X-Timestamp")!
    static let nonce = HTTPField.Name("X-Nonce")!
    static let signature = HTTPField.Name("X-Signature")!

    /// Verifies the request's signature headers and returns the body it signed. `caller` is
    /// set as soon as the key is known, so a refused call is still metered against it.
    func authenticate(_ req: Request, at: Date, maxBody: Int, caller: inout GatewayCaller?) async throws -> ByteBuffer {
        let h = req.headers
        guard let key = h[Self.appKey], let timestamp = h[Self.timestamp], let nonce = h[Self.nonce], let signature = h[Self.signature], !nonce.isEmpty
        else { throw Self.unauthorized("gateway.no_key") }
        guard let found = try await store.gatewayCaller(appKey: key) else { throw Self.unauthorized("gateway.bad_key") }
        caller = found
        let body = try await req.body.collect(upTo: maxBody)
        let canonical = GatewaySignature.canonical(method: req.method.rawValue, path: req.uri.path, query: req.uri.query,
                                                   timestamp: timestamp, nonce: nonce, body: body.readableBytesView)
        guard GatewaySignature.verify(signature, canonical: canonical, secret: found.secret) else { throw Self.unauthorized("gateway.bad_signature") }
        guard let ts = Double(timestamp), abs(at.timeIntervalSince1970 - ts) <= GatewaySignature.skew else { throw Self.unauthorized("gateway.stale") }
        guard nonces.use(appKey: key, nonce: nonce, now: at) else { throw Self.unauthorized("gateway.replay") }
        return body
    }

    static func unauthorized(_ key: String) -> Problem {
        var p = Problem(status: .unauthorized, kind: "unauthorized", titleKey: "problem.unauthorized", detail: Strings[key])
        p.headers[.wwwAuthenticate] = "HMAC-SHA256 realm=\"shuhui-gateway\""
        return p
    }
}
