import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ShuhuiCore
import ShuhuiSpreadsheet
import SQLKit
import Synchronization

/// One delivery's payload on its way out.
public struct PushPayload: Sendable {
    public var subscriptionCode: String
    /// The receiver's deduplication key.
    public var batchID: String
    public var format: PushFormat
    public var records: Int
    public var body: Data
}

/// Carries payloads to their targets. A delivery counts only when `deliver` returns.
public protocol PushTransport: Sendable {
    func deliver(_ payload: PushPayload, kind: PushTargetKind, target: String) async throws
}

/// Why a target refused a delivery, for the subscription's last error.
public struct PushTransportError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// The real transports: files renamed into place under the exchange root, and HTTP POSTs.
public struct LivePushTransport: PushTransport {
    /// The exchange root that directory targets are relative to.
    public let root: URL
    /// Seconds an HTTP subscriber has to answer.
    public let timeout: TimeInterval

    public init(root: URL, timeout: TimeInterval = 30) {
        self.root = root
        self.timeout = timeout
    }

    public func deliver(_ payload: PushPayload, kind: PushTargetKind, target: String) async throws {
        switch kind {
        case .directory: try write(payload, folder: target)
        case .http: try await post(payload, url: target)
        }
    }

    /// Writes `<batch id>.<ext>` atomically: a hidden temporary file, flushed to disk, then
    /// renamed. A receiver that reads only visible files never sees half a delivery, and a
    /// repeated delivery replaces the file with the same content under the same name.
    private func write(_ payload: PushPayload, folder: String) throws {
        guard PushSubscriptionDraft.isSafeFolder(folder) else { throw PushTransportError(description: "unsafe folder \(folder)") }
        let dir = root.appendingPathComponent(folder, isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let name = "\(payload.batchID).\(payload.format.fileExtension)"
        let temp = dir.appendingPathComponent(".\(name).tmp")
        let final = dir.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw PushTransportError(description: "cannot create \(temp.lastPathComponent)")
        }
        let handle = try FileHandle(forWritingTo: temp)
        do {
            try handle.write(contentsOf: payload.body)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        guard rename(temp.path, final.path) == 0 else { throw PushTransportError(description: "rename failed (errno \(errno))") }
    }

    private func post(_ payload: PushPayload, url: String) async throws {
        guard let u = URL(string: url) else { throw PushTransportError(description: "bad URL") }
        var request = URLRequest(url: u, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = payload.body
        request.setValue(payload.format.contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(payload.batchID, forHTTPHeaderField: "X-Shuhui-Batch-Id")
        request.setValue(payload.batchID, forHTTPHeaderField: "Idempotency-Key")
        request.setValue(payload.subscriptionCode, forHTTPHeaderField: "X-Shuhui-Subscription")
        request.setValue(String(payload.records), forHTTPHeaderField: "X-Shuhui-Records")
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw PushTransportError(description: "HTTP \(status)") }
    }
}

/// Runs push subscriptions: plans each delivery and writes it down before sending it, sends
/// it, and only then moves the subscription's watermark — so a crash at any point is followed
/// by the same delivery, with the same batch id, after a restart (at least once; the receiver
/// drops the repeat by batch id, which gives exactly once). Each subscription runs on its own:
/// a failing subscriber backs off without holding up the others.
public final class PushRunner: Sendable {
    let store: Store
    let transport: any PushTransport
    /// Rows per delivery.
    let maxRows: Int
    /// Deliveries per subscription in one pass, so one large backlog cannot starve the rest.
    let maxDeliveriesPerPass: Int
    private let busy = Mutex(Set<Int64>())

    public init(store: Store, transport: any PushTransport, maxRows: Int = 10_000, maxDeliveriesPerPass: Int = 50) {
        self.store = store
        self.transport = transport
        self.maxRows = maxRows
        self.maxDeliveriesPerPass = maxDeliveriesPerPass
    }

    /// Runs every subscription that has a delivery or a run due at `now`, several at a time.
    /// Returns how many deliveries were acknowledged.
    @discardableResult
    public func runDue(now: Date = Date()) async throws -> Int {
        let at = Clock.millis(now)
        let due = try await store.database.read { db in
            try await db.raw("""
                SELECT id FROM push_subscriptions WHERE state = 'active' AND (next_run_at <= \(bind: at)
                   OR id IN (SELECT subscription_id FROM push_deliveries WHERE state = 'pending' AND next_attempt_at <= \(bind: at)))
                ORDER BY id
                """).all().map { try $0.decode(column: "id", as: Int64.self) }
        }
        return await withTaskGroup(of: Int.self) { group in
            var delivered = 0
            var started = 0
            for id in due {
                if started >= 4, let n = await group.next() { delivered += n }
                group.addTask { (try? await self.run(subscriptionID: id, now: now)) ?? 0 }
                started += 1
            }
            for await n in group { delivered += n }
            return delivered
        }
    }

    /// Runs one subscription until it has caught up, its target fails, or the pass limit is
    /// reached. Returns how many deliveries were acknowledged.
    @discardableResult
    public func run(subscriptionID id: Int64, now: Date = Date()) async throws -> Int {
        guard busy.withLock({ $0.insert(id).inserted }) else { return 0 }
        defer { _ = busy.withLock { $0.remove(id) } }
        var delivered = 0
        for _ in 0..<maxDeliveriesPerPass {
            let sub = try await store.subscription(id: id).subscription
            guard sub.state == .active else { return delivered }
            let grant = try await store.grant(id: sub.draft.grantID, now: now)
            guard grant.status == .active else {
                try await suspend(sub, reason: "grant \(grant.status.rawValue)", now: now)
                return delivered
            }
            let delivery: PushDelivery
            if let pending = try await pendingDelivery(id) {
                guard pending.nextAttemptAt <= now else { return delivered }
                delivery = pending
            } else {
                guard let due = sub.nextRunAt, due <= now else { return delivered }
                guard let planned = try await plan(sub, now: now) else { return delivered }
                delivery = planned
            }
            guard try await attempt(delivery, sub, grant: grant.grant, now: now) else { return delivered }
            delivered += 1
        }
        return delivered
    }

    private func pendingDelivery(_ subscriptionID: Int64) async throws -> PushDelivery? {
        try await store.database.read { db in
            try await db.raw("SELECT * FROM push_deliveries WHERE subscription_id = \(bind: subscriptionID) AND state = 'pending' ORDER BY id LIMIT 1")
                .first().map(Store.delivery)
        }
    }

    /// The rows after the cursor, in delivery order: `(batch, row)` for incremental, `row`
    /// for full runs. Batches on a resource commit one at a time, so a batch's rows are all
    /// visible once any is.
    private func after(_ sub: PushSubscription, _ cursor: PushCursor) -> SQLQueryString {
        sub.draft.mode == .full
            ? "_id > \(bind: cursor.row)"
            : "(_batch > \(bind: cursor.batch) OR (_batch = \(bind: cursor.batch) AND _id > \(bind: cursor.row)))"
    }

    private func order(_ sub: PushSubscription) -> String { sub.draft.mode == .full ? "_id" : "_batch, _id" }

    /// Writes the next delivery down (pending) before anything is sent; nil when there is
    /// nothing new, in which case the run is over and the next one is scheduled.
    private func plan(_ sub: PushSubscription, now: Date) async throws -> PushDelivery? {
        let table = DataTable.name(sub.resourceID)
        let limit = maxRows
        let order = order(sub)
        let condition = after(sub, sub.cursor)
        let at = Clock.millis(now)
        let next = sub.nextRun(after: now).map(Clock.millis)
        return try await store.database.transaction { (db: any SQLDatabase) -> PushDelivery? in
            let rows = try await db.raw("SELECT _id, _batch FROM \(unsafeRaw: table) WHERE \(condition) ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit)").all()
            guard let last = rows.last else {
                // Caught up: a full run starts from the beginning next time.
                let reset: SQLQueryString = sub.draft.mode == .full ? ", watermark = 0, watermark_row = 0" : ""
                try await db.raw("UPDATE push_subscriptions SET next_run_at = \(bind: next)\(reset) WHERE id = \(bind: sub.id)").run()
                return nil
            }
            let to = PushCursor(batch: try last.decode(column: "_batch", as: Int64.self), row: try last.decode(column: "_id", as: Int64.self))
            let row = try await db.raw("""
                INSERT INTO push_deliveries (subscription_id, batch_id, from_batch, from_row, to_batch, to_row, records, state, attempts, next_attempt_at, created_at)
                VALUES (\(bind: sub.id), \(bind: "\(sub.code)-pending-\(RandomText.hex(6))"), \(bind: sub.cursor.batch), \(bind: sub.cursor.row),
                        \(bind: to.batch), \(bind: to.row), \(bind: rows.count), 'pending', 0, \(bind: at), \(bind: at))
                RETURNING id
                """).first()
            let id = try row.orThrow(.notFound("delivery")).decode(column: "id", as: Int64.self)
            let batchID = "\(sub.code)-\(String(format: "%08lld", id))"
            try await db.raw("UPDATE push_deliveries SET batch_id = \(bind: batchID) WHERE id = \(bind: id)").run()
            return PushDelivery(id: id, subscriptionID: sub.id, batchID: batchID, from: sub.cursor, to: to, records: rows.count, state: .pending,
                                attempts: 0, nextAttemptAt: now, lastError: nil, createdAt: now, deliveredAt: nil)
        }
    }

    /// Sends a planned delivery; on success records it, moves the watermark and counts it,
    /// in one transaction. Returns whether it was acknowledged.
    private func attempt(_ delivery: PushDelivery, _ sub: PushSubscription, grant: Grant, now: Date) async throws -> Bool {
        let payload: PushPayload
        do {
            payload = try await render(delivery, sub, grant: grant)
        } catch {
            try await record(delivery, try delivery.recording(.failed("reading rows: \(error)"), at: now), sub, now: now)
            return false
        }
        do {
            try await transport.deliver(payload, kind: sub.draft.targetKind, target: sub.draft.target)
        } catch {
            try await record(delivery, try delivery.recording(.failed(String(describing: error).prefix(300).description), at: now), sub, now: now)
            return false
        }
        try await record(delivery, try delivery.recording(.delivered(records: payload.records), at: now), sub, now: now)
        return true
    }

    private func record(_ old: PushDelivery, _ new: PushDelivery, _ sub: PushSubscription, now: Date) async throws {
        let at = Clock.millis(now)
        let day = Counters.day(now)
        try await store.database.transaction { (db: any SQLDatabase) in
            try await db.raw("""
                UPDATE push_deliveries SET state = \(bind: new.state.rawValue), attempts = \(bind: new.attempts), records = \(bind: new.records),
                    next_attempt_at = \(bind: Clock.millis(new.nextAttemptAt)), last_error = \(bind: new.lastError),
                    delivered_at = \(bind: new.deliveredAt.map(Clock.millis))
                WHERE id = \(bind: old.id) AND state = 'pending'
                """).run()
            guard new.state == .delivered else {
                try await db.raw("UPDATE push_subscriptions SET last_error = \(bind: new.lastError) WHERE id = \(bind: sub.id)").run()
                return
            }
            try await db.raw("""
                UPDATE push_subscriptions SET watermark = \(bind: new.to.batch), watermark_row = \(bind: new.to.row), last_error = NULL
                WHERE id = \(bind: sub.id)
                """).run()
            try await db.raw("""
                INSERT INTO push_daily (day, subscription_id, resource_id, provider_id, organization_id, records, deliveries)
                VALUES (\(bind: day), \(bind: sub.id), \(bind: sub.resourceID), \(bind: sub.providerID), \(bind: sub.organizationID), \(bind: new.records), 1)
                ON CONFLICT (day, subscription_id) DO UPDATE SET records = push_daily.records + excluded.records, deliveries = push_daily.deliveries + 1
                """).run()
            try await db.raw("UPDATE grants SET last_called_at = \(bind: at) WHERE id = \(bind: sub.draft.grantID)").run()
        }
    }

    /// The grant no longer allows the data to flow: waiting deliveries are dropped unsent and
    /// the subscription pauses until it is resumed under a live grant.
    private func suspend(_ sub: PushSubscription, reason: String, now: Date) async throws {
        try await store.database.transaction { (db: any SQLDatabase) in
            try await db.raw("UPDATE push_deliveries SET state = 'cancelled', last_error = \(bind: reason) WHERE subscription_id = \(bind: sub.id) AND state = 'pending'").run()
            try await db.raw("UPDATE push_subscriptions SET state = 'paused', last_error = \(bind: reason) WHERE id = \(bind: sub.id)").run()
        }
    }

    /// The delivery's rows, read again by its range and masked as the grant says, with
    /// pseudonyms keyed for the subscribing unit.
    private func render(_ delivery: PushDelivery, _ sub: PushSubscription, grant: Grant) async throws -> PushPayload {
        let resource = try await store.resource(code: sub.resourceCode)
        let byCode = Dictionary(resource.draft.fields.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let fields = sub.fields.compactMap { byCode[$0] }
        let masker = try await store.masker(forUnit: sub.organizationID)
        let table = DataTable.name(sub.resourceID)
        let columns = fields.map { DataTable.column($0.code) }.joined(separator: ", ")
        let from = after(sub, delivery.from)
        let to: SQLQueryString = sub.draft.mode == .full
            ? "_id <= \(bind: delivery.to.row)"
            : "(_batch < \(bind: delivery.to.batch) OR (_batch = \(bind: delivery.to.batch) AND _id <= \(bind: delivery.to.row)))"
        let order = order(sub)
        let rows = try await store.database.read { db in
            try await db.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) WHERE \(from) AND \(to) ORDER BY \(unsafeRaw: order)").all()
        }
        var records: [[TypedValue?]] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            records.append(try fields.map { f in masker.mask(try DataTable.read(row, f), grant.masks[f.code] ?? .none) })
        }
        return PushPayload(subscriptionCode: sub.code, batchID: delivery.batchID, format: sub.draft.format, records: records.count,
                           body: try PushEncoding.encode(records, fields: fields.map(\.code), format: sub.draft.format))
    }
}

/// The delivery file formats.
enum PushEncoding {
    static func encode(_ records: [[TypedValue?]], fields: [String], format: PushFormat) throws -> Data {
        switch format {
        case .csv:
            return CSV.write([fields] + records.map { $0.map { $0?.description ?? "" } }, bom: false)
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var out = Data()
            for record in records {
                let object = Dictionary(uniqueKeysWithValues: zip(fields, record))
                out.append(try encoder.encode(object))
                out.append(0x0A)
            }
            return out
        }
    }
}
