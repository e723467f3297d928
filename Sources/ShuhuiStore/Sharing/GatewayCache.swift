import Foundation
import ShuhuiCore
import Synchronization

/// What the gateway reads on every call — credentials, services, grants — kept in memory for
/// a few seconds. Every write through this process empties it at once, so a revocation is
/// effective on the next call; another server process sees it within ``ttl``.
final class GatewayCache: Sendable {
    static let ttl: Double = 5

    private struct Entry<T> {
        var value: T
        var expires: Double
    }

    private struct State {
        var callers: [String: Entry<GatewayCaller?>] = [:]
        var services: [String: Entry<(DataService, Resource)?>] = [:]
        var grants: [Int64: Entry<[Grant]>] = [:]
        var unitKeys: [Int64: [UInt8]] = [:]
    }

    private let state = Mutex(State())

    func invalidate() {
        state.withLock { s in
            let keys = s.unitKeys
            s = State()
            s.unitKeys = keys
        }
    }

    private static func now() -> Double { Date().timeIntervalSince1970 }

    /// The entry under `key` in one of the tables while it is fresh, else what `load` reads.
    private func cached<K: Hashable & Sendable, V: Sendable>(_ table: any WritableKeyPath<State, [K: Entry<V>]> & Sendable, _ key: K,
                                                              load: () async throws -> V) async rethrows -> V {
        let t = Self.now()
        if let e = state.withLock({ $0[keyPath: table][key] }), e.expires > t { return e.value }
        let v = try await load()
        state.withLock { $0[keyPath: table][key] = Entry(value: v, expires: t + Self.ttl) }
        return v
    }

    func caller(_ key: String, load: () async throws -> GatewayCaller?) async rethrows -> GatewayCaller? {
        try await cached(\.callers, key, load: load)
    }

    func service(_ code: String, load: () async throws -> (DataService, Resource)?) async rethrows -> (DataService, Resource)? {
        try await cached(\.services, code, load: load)
    }

    func grants(_ systemID: Int64, load: () async throws -> [Grant]) async rethrows -> [Grant] {
        try await cached(\.grants, systemID, load: load)
    }

    func unitKey(_ unit: Int64, load: () async throws -> [UInt8]) async rethrows -> [UInt8] {
        if let k = state.withLock({ $0.unitKeys[unit] }) { return k }
        let v = try await load()
        state.withLock { $0.unitKeys[unit] = v }
        return v
    }
}
