import Foundation

/// What a push run delivers: every stored row each time, or only rows stored since the last
/// delivery (by the watermark of batch and row).
public enum PushMode: String, Sendable, Codable, CaseIterable {
    /// 全量: the whole resource on every run.
    case full
    /// 增量: rows stored or changed since the previous delivery.
    case incremental
}

/// Where deliveries go.
public enum PushTargetKind: String, Sendable, Codable, CaseIterable {
    /// Files in a folder under the platform's exchange root (前置机交换目录).
    case directory
    /// An HTTP POST to the subscriber's endpoint.
    case http
}

/// How each delivery is written.
public enum PushFormat: String, Sendable, Codable, CaseIterable {
    case csv
    case jsonl

    /// The file extension and the HTTP content type.
    public var fileExtension: String { self == .csv ? "csv" : "jsonl" }
    public var contentType: String { self == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson" }
}

/// A subscription's life: delivering, paused (by the subscriber, or because its grant ended),
/// cancelled for good.
public enum PushState: String, Sendable, Codable, CaseIterable {
    case active
    case paused
    case cancelled
}

/// A position in a resource's rows: the batch that last wrote a row, then the row's id. Rows
/// are delivered in this order, so "everything after the cursor" is exactly what is new.
public struct PushCursor: Sendable, Codable, Equatable, Comparable {
    public var batch: Int64
    public var row: Int64

    public init(batch: Int64, row: Int64) {
        self.batch = batch
        self.row = row
    }

    public static let start = PushCursor(batch: 0, row: 0)

    public static func < (a: PushCursor, b: PushCursor) -> Bool { (a.batch, a.row) < (b.batch, b.row) }
}

/// What a consuming unit's data officer asks for under one of its push grants.
public struct PushSubscriptionDraft: Sendable, Codable, Equatable {
    /// The push grant the data flows under; fields and masks come from it.
    public var grantID: Int64
    public var mode: PushMode
    public var targetKind: PushTargetKind
    /// A folder relative to the exchange root (`directory`), or an `http(s)://` URL (`http`).
    public var target: String
    public var format: PushFormat
    /// Minutes between runs; 0 means on demand only.
    public var intervalMinutes: Int

    public init(grantID: Int64, mode: PushMode, targetKind: PushTargetKind, target: String, format: PushFormat = .csv, intervalMinutes: Int = 1440) {
        self.grantID = grantID
        self.mode = mode
        self.targetKind = targetKind
        self.target = target
        self.format = format
        self.intervalMinutes = intervalMinutes
    }

    /// The longest interval: a week.
    public static let maxInterval = 7 * 24 * 60

    /// Every issue with the draft itself (the grant is checked by the store).
    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        func issue(_ field: String, _ code: String, _ values: [String: String] = [:]) {
            issues.append(FieldIssue(field: field, code: code, message: Strings.format("push.\(code)", values)))
        }
        switch targetKind {
        case .directory:
            if !Self.isSafeFolder(target) { issue("target", "bad_folder", ["value": target]) }
        case .http:
            if !Self.isHTTPURL(target) { issue("target", "bad_url", ["value": target]) }
        }
        if intervalMinutes != 0 && !(5...Self.maxInterval).contains(intervalMinutes) {
            issue("intervalMinutes", "bad_interval", ["max": String(Self.maxInterval)])
        }
        return issues
    }

    /// A relative folder of letters, digits, `-`, `_` and `.` segments, never `..`: deliveries
    /// cannot be steered outside the exchange root.
    public static func isSafeFolder(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, path.utf8.count <= 200, !path.hasPrefix("/") else { return false }
        return segments.allSatisfy { s in
            !s.isEmpty && s != "." && s != ".." && s.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
            }
        }
    }

    /// An absolute `http` or `https` URL with a host.
    public static func isHTTPURL(_ text: String) -> Bool {
        guard text.utf8.count <= 500, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return false }
        return true
    }
}

/// 推送订阅: a resource delivered to a subscriber under a push grant.
public struct PushSubscription: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    /// `push-<id>`; prefixes every delivery's batch id.
    public var code: String
    public var draft: PushSubscriptionDraft
    public var resourceID: Int64
    public var resourceCode: String
    /// The unit that owns the resource.
    public var providerID: Int64
    /// The subscribing unit and its system (the grant's).
    public var organizationID: Int64
    public var systemID: Int64
    /// Field codes delivered (the grant's).
    public var fields: [String]
    public var state: PushState
    /// Everything up to here has been delivered.
    public var cursor: PushCursor
    /// When the next run is due; nil when on demand and idle.
    public var nextRunAt: Date?
    /// Why the last attempt or run failed, or why the subscription was paused.
    public var lastError: String?
    public var createdAt: Date

    public init(id: Int64, code: String, draft: PushSubscriptionDraft, resourceID: Int64, resourceCode: String, providerID: Int64,
                organizationID: Int64, systemID: Int64, fields: [String], state: PushState, cursor: PushCursor,
                nextRunAt: Date?, lastError: String?, createdAt: Date) {
        self.id = id
        self.code = code
        self.draft = draft
        self.resourceID = resourceID
        self.resourceCode = resourceCode
        self.providerID = providerID
        self.organizationID = organizationID
        self.systemID = systemID
        self.fields = fields
        self.state = state
        self.cursor = cursor
        self.nextRunAt = nextRunAt
        self.lastError = lastError
        self.createdAt = createdAt
    }

    /// When the run after one that caught up at `now` is due.
    public func nextRun(after now: Date) -> Date? {
        draft.intervalMinutes == 0 ? nil : now.addingTimeInterval(TimeInterval(draft.intervalMinutes * 60))
    }
}

/// A delivery's life. It is written down (pending) before anything is sent, so a restart
/// sends it again with the same batch id; the receiver drops the duplicate.
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    /// Planned, not yet acknowledged; retried with back-off until it is.
    case pending
    /// The target acknowledged it (HTTP 2xx, or the file renamed into place).
    case delivered
    /// Dropped unsent because the grant ended or the subscription was cancelled.
    case cancelled
}

/// One delivery: the rows after `from` up to and including `to`.
public struct PushDelivery: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64
    public var subscriptionID: Int64
    /// What the receiver deduplicates by: `<subscription code>-<delivery id>`.
    public var batchID: String
    public var from: PushCursor
    public var to: PushCursor
    /// Rows in the range when planned; the rows actually sent once delivered.
    public var records: Int
    public var state: DeliveryState
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    public init(id: Int64, subscriptionID: Int64, batchID: String, from: PushCursor, to: PushCursor, records: Int, state: DeliveryState,
                attempts: Int, nextAttemptAt: Date, lastError: String?, createdAt: Date, deliveredAt: Date?) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.batchID = batchID
        self.from = from
        self.to = to
        self.records = records
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }

    /// What happened when the delivery was attempted.
    public enum Outcome: Sendable, Equatable {
        case delivered(records: Int)
        case failed(String)
        case cancelled(String)
    }

    /// A delivery that is no longer pending cannot change.
    public struct Finished: Error, Sendable, Equatable {
        public var state: DeliveryState
        public init(state: DeliveryState) { self.state = state }
    }

    /// The delivery after `outcome` at `now`: delivered and cancelled are final; a failure
    /// stays pending and is retried after ``PushBackoff/delay(afterAttempts:)``.
    public func recording(_ outcome: Outcome, at now: Date) throws(Finished) -> PushDelivery {
        guard state == .pending else { throw Finished(state: state) }
        var next = self
        next.attempts += 1
        switch outcome {
        case .delivered(let records):
            next.state = .delivered
            next.records = records
            next.deliveredAt = now
            next.lastError = nil
        case .failed(let reason):
            next.lastError = reason
            next.nextAttemptAt = now.addingTimeInterval(PushBackoff.delay(afterAttempts: next.attempts))
        case .cancelled(let reason):
            next.state = .cancelled
            next.lastError = reason
        }
        return next
    }
}

/// Retry spacing for failed deliveries: 10 s, doubling, at most an hour. A delivery is never
/// given up: at least once means it is retried until it is acknowledged or cancelled.
public enum PushBackoff {
    public static let first: TimeInterval = 10
    public static let cap: TimeInterval = 3600

    public static func delay(afterAttempts attempts: Int) -> TimeInterval {
        guard attempts > 0 else { return 0 }
        return min(first * pow(2, Double(min(attempts - 1, 20))), cap)
    }
}
