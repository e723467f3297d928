import Foundation
import Hummingbird
import HTTPTypes
import ShuhuiCore
import ShuhuiStore

/// Registers the open portal: CKAN Action API, DCAT-AP catalog, downloads, public pages and
/// the developer API. Nothing here needs a platform login; restricted data needs an app key.
public enum OpenDataRoutes {
    static func register(_ router: Router<AppContext>, api: APIRegistry, store: Store) {
        CKANAPI.register(router, store: store)
        DCATRoutes.register(router, store: store)
        OpenDownloads.register(router, store: store)
        OpenPages.register(router, store: store)
        OpenDataAPI.register(api, store: store)
    }

    /// Paths whose `Authorization` header carries a developer app key (CKAN clients send the
    /// key bare, `Authorization: <key>`), not a platform bearer token.
    static func readsOwnAuthorization(_ path: String) -> Bool {
        path.hasPrefix("/api/action/") || path.hasPrefix("/api/3/action/") || path.hasPrefix("/open/")
    }

    /// The app key a request carries: `X-App-Key`, `X-CKAN-API-Key`, or on the CKAN and
    /// `/open/` routes `Authorization` (bare or `Bearer`).
    static func appKey(_ request: Request) -> String? {
        for name in ["X-App-Key", "X-CKAN-API-Key"] {
            if let v = request.headers[HTTPField.Name(name)!], !v.isEmpty { return v.trimmingCharacters(in: .whitespaces) }
        }
        // Elsewhere Authorization is the platform's bearer token, never an app key.
        guard readsOwnAuthorization(request.uri.path),
              var v = request.headers[.authorization]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if v.lowercased().hasPrefix("bearer ") { v = String(v.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        return v
    }

    /// The developer behind the request's key (quota taken), nil without a key; a wrong key
    /// or a spent quota throws ``OpenDenial``.
    static func developer(_ request: Request, store: Store) async throws -> OpenKeyOwner? {
        guard let key = appKey(request) else { return nil }
        guard let owner = try await store.appKeyOwner(key) else { throw OpenDenial.badKey }
        try await store.takeQuota(owner)
        return owner
    }

    /// The query string decoded as an HTML form would be: `+` is a space (harvesters and
    /// Python's urlencode write spaces so), then percent-decoding. Later keys win.
    static func formQuery(_ request: Request) -> [String: String] {
        var out: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let k = kv.first else { continue }
            out[decode(k)] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return out
    }

    /// `http://host[:port]` as the client addressed us; used to build absolute links. Only
    /// characters a host may contain are kept, so a forged Host header cannot inject markup.
    static func base(_ request: Request) -> String {
        let raw = request.head.authority ?? "localhost"
        let host = String(raw.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII || ".-:[]".unicodeScalars.contains($0) }.map(Character.init))
        return "http://" + (host.isEmpty ? "localhost" : host)
    }
}

/// Problems of the open portal outside the CKAN API, as problem+json.
extension Problem {
    static func open(_ denial: OpenDenial) -> Problem {
        switch denial {
        case .restricted:
            Problem(status: .forbidden, kind: "restricted", titleKey: "problem.forbidden", detail: Strings["open.err.restricted"])
        case .badKey:
            Problem(status: .forbidden, kind: "bad-app-key", titleKey: "problem.forbidden", detail: Strings["open.err.key"])
        case .quota(let q):
            Problem(status: .tooManyRequests, kind: "quota", titleKey: "problem.forbidden", detail: Strings.format("open.err.quota", ["quota": String(q)]))
        }
    }
}
