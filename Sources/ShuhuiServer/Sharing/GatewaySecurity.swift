import Crypto
import Foundation
import ShuhuiCore
import Synchronization

/// The gateway's request signature (HMAC-SHA256, Kong/APISIX style):
///
///     METHOD \n PATH \n CANONICAL-QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body))
///
/// signed with the app's secret and sent base64-encoded in `X-Signature`. The canonical
/// query is every name=value pair, percent-decoded, sorted by name then value, re-encoded
/// with RFC 3986's unreserved characters left as they are, joined by `&`.
public enum GatewaySignature {
    public static let skew: Double = 300

    public static func canonical(method: String, path: String, query: String?, timestamp: String, nonce: String, body: some DataProtocol) -> String {
        let digest = body.isEmpty ? emptyDigest : Hex.encode(SHA256.hash(data: body))
        return [method.uppercased(), path, canonicalQuery(query), timestamp, nonce, digest].joined(separator: "\n")
    }

    /// The hex SHA-256 of an empty body (every GET).
    private static let emptyDigest = Hex.encode(SHA256.hash(data: Data()))

    public static func canonicalQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        let pairs = query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { item -> (String, String) in
            let parts = item.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
        return pairs.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// `+` as a space, then percent-decoded; the text as it came when a `%` is not followed by
    /// two hex digits or the bytes are not UTF-8 (what Foundation's `removingPercentEncoding`
    /// refuses), so that a client using Foundation signs the same text.
    private static func decode(_ s: Substring.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            let b = s[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%") {
                let h = s.index(after: i)
                guard h < s.endIndex, s.index(after: h) < s.endIndex, let high = hexValue(s[h]), let low = hexValue(s[s.index(after: h)]) else {
                    return String(Substring(s))
                }
                out.append(high << 4 | low)
                i = s.index(h, offsetBy: 2)
                continue
            } else {
                out.append(b)
            }
            i = s.index(after: i)
        }
        return String(validating: out, as: UTF8.self) ?? String(Substring(s))
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Percent-encodes every UTF-8 byte but RFC 3986's unreserved characters, with upper-case
    /// hex digits (as Foundation's `addingPercentEncoding` does).
    public static func encode(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `signature` (base64) is the HMAC of `canonical` under `secret`; constant time.
    public static func verify(_ signature: String, canonical: String, secret: [UInt8]) -> Bool {
        guard let mac = Data(base64Encoded: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(canonical.utf8), using: SymmetricKey(data: secret))
    }

    /// The signature a client sends (used by tests and tools).
    public static func sign(_ canonical: String, secret: [UInt8]) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(canonical.utf8), using: SymmetricKey(data: secret))).base64EncodedString()
    }
}

/// Nonces seen in the last 11 minutes (the ±300 s window and a minute's slack), per app key.
/// Kept as 64-bit hashes in per-minute sets, so memory is bounded by the call rate.
final class NonceCache: Sendable {
    private let buckets = Mutex<[Int64: Set<UInt64>]>([:])
    static let keepMinutes: Int64 = 11

    /// Records the nonce; false when it was seen before within the window.
    func use(appKey: String, nonce: String, now: Date) -> Bool {
        var h = Hasher()
        h.combine(appKey)
        h.combine(0 as UInt8)
        h.combine(nonce)
        let value = UInt64(bitPattern: Int64(h.finalize()))
        let minute = Int64(now.timeIntervalSince1970 / 60)
        return buckets.withLock { b in
            for (m, set) in b where set.contains(value) && m > minute - Self.keepMinutes { return false }
            if b[minute] == nil { b = b.filter { $0.key > minute - Self.keepMinutes } }
            b[minute, default: []].insert(value)
            return true
        }
    }
}

/// Per-grant call limits in fixed one-minute windows.
final class RateLimiter: Sendable {
    private let windows = Mutex<[Int64: (minute: Int64, count: Int)]>([:])

    struct Decision {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until the window resets.
        var reset: Int
    }

    func take(grant: Int64, limit: Int, now: Date) -> Decision {
        let seconds = now.timeIntervalSince1970
        let minute = Int64(seconds / 60)
        let reset = max(1, 60 - Int(seconds.truncatingRemainder(dividingBy: 60)))
        return windows.withLock { w in
            var entry = w[grant] ?? (minute, 0)
            if entry.minute != minute { entry = (minute, 0) }
            guard entry.count < limit else { return Decision(allowed: false, limit: limit, remaining: 0, reset: reset) }
            entry.count += 1
            w[grant] = entry
            return Decision(allowed: true, limit: limit, remaining: limit - entry.count, reset: reset)
        }
    }
}
