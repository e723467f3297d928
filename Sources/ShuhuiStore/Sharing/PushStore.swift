import Foundation
import ShuhuiCore
import SQLKit

/// A subscription with the names a reader needs.
public struct PushSubscriptionSummary: Sendable, Encodable {
    public var subscription: PushSubscription
    public var resourceName: String
    public var providerName: String
    public var organizationName: String
    /// Deliveries acknowledged, and rows in them.
    public var delivered: Int
    public var recordsDelivered: Int
    /// Deliveries waiting (planned, or failed and due again).
    public var pending: Int
}

extension Store {
    static let subscriptionSelect = """
        SELECT ps.*, r.code AS resource_code, r.name AS resource_name, p.short_name AS provider_name, o.short_name AS organization_name,
            (SELECT COUNT(*) FROM push_deliveries d WHERE d.subscription_id = ps.id AND d.state = 'delivered') AS delivered,
            (SELECT CAST(COALESCE(SUM(d.records), 0) AS BIGINT) FROM push_deliveries d WHERE d.subscription_id = ps.id AND d.state = 'delivered') AS records_delivered,
            (SELECT COUNT(*) FROM push_deliveries d WHERE d.subscription_id = ps.id AND d.state = 'pending') AS pending
        FROM push_subscriptions ps JOIN resources r ON r.id = ps.resource_id
        JOIN organizations p ON p.id = ps.provider_id JOIN organizations o ON o.id = ps.organization_id
        """

    static func subscription(_ row: any SQLRow) throws -> PushSubscription {
        PushSubscription(
            id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
            draft: PushSubscriptionDraft(
                grantID: try row.decode(column: "grant_id", as: Int64.self),
                mode: PushMode(rawValue: try row.decode(column: "mode", as: String.self)) ?? .incremental,
                targetKind: PushTargetKind(rawValue: try row.decode(column: "target_kind", as: String.self)) ?? .directory,
                target: try row.decode(column: "target", as: String.self),
                format: PushFormat(rawValue: try row.decode(column: "format", as: String.self)) ?? .csv,
                intervalMinutes: try row.decode(column: "interval_minutes", as: Int.self)),
            resourceID: try row.decode(column: "resource_id", as: Int64.self), resourceCode: try row.decode(column: "resource_code", as: String.self),
            providerID: try row.decode(column: "provider_id", as: Int64.self), organizationID: try row.decode(column: "organization_id", as: Int64.self),
            systemID: try row.decode(column: "system_id", as: Int64.self),
            fields: try JSONText.decode([String].self, try row.decode(column: "fields", as: String.self)),
            state: PushState(rawValue: try row.decode(column: "state", as: String.self)) ?? .paused,
            cursor: PushCursor(batch: try row.decode(column: "watermark", as: Int64.self), row: try row.decode(column: "watermark_row", as: Int64.self)),
            nextRunAt: try row.optional("next_run_at", as: Int64.self).map(Clock.date),
            lastError: try row.optional("last_error", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)))
    }

    static func subscriptionSummary(_ row: any SQLRow) throws -> PushSubscriptionSummary {
        PushSubscriptionSummary(
            subscription: try subscription(row), resourceName: try row.decode(column: "resource_name", as: String.self),
            providerName: try row.decode(column: "provider_name", as: String.self),
            organizationName: try row.decode(column: "organization_name", as: String.self),
            delivered: try row.decode(column: "delivered", as: Int.self), recordsDelivered: try row.decode(column: "records_delivered", as: Int.self),
            pending: try row.decode(column: "pending", as: Int.self))
    }

    static func delivery(_ row: any SQLRow) throws -> PushDelivery {
        PushDelivery(
            id: try row.decode(column: "id", as: Int64.self), subscriptionID: try row.decode(column: "subscription_id", as: Int64.self),
            batchID: try row.decode(column: "batch_id", as: String.self),
            from: PushCursor(batch: try row.decode(column: "from_batch", as: Int64.self), row: try row.decode(column: "from_row", as: Int64.self)),
            to: PushCursor(batch: try row.decode(column: "to_batch", as: Int64.self), row: try row.decode(column: "to_row", as: Int64.self)),
            records: try row.decode(column: "records", as: Int.self),
            state: DeliveryState(rawValue: try row.decode(column: "state", as: String.self)) ?? .pending,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: Clock.date(try row.decode(column: "next_attempt_at", as: Int64.self)),
            lastError: try row.optional("last_error", as: String.self),
            createdAt: Clock.date(try row.decode(column: "created_at", as: Int64.self)),
            deliveredAt: try row.optional("delivered_at", as: Int64.self).map(Clock.date))
    }

    /// Subscribes one of the consuming unit's push grants: its data officer (or the bureau)
    /// names where and how often. The first run is due at once.
    public func createSubscription(_ draft: PushSubscriptionDraft, by actor: Principal, now: Date = Date()) async throws -> PushSubscriptionSummary {
        let grant = try await self.grant(id: draft.grantID, now: now)
        try AccessPolicy.canRequestSharing(for: grant.grant.organizationID, actor)
        var issues = draft.issues()
        if grant.grant.mode != .push {
            issues.append(FieldIssue(field: "grantID", code: "not_push_grant", message: Strings.format("push.not_push_grant", ["mode": grant.grant.mode.rawValue])))
        } else if grant.status != .active {
            issues.append(FieldIssue(field: "grantID", code: "grant_inactive", message: Strings.format("push.grant_inactive", ["status": grant.status.rawValue])))
        }
        guard issues.isEmpty else { throw StoreError.invalid(ValidationFailure(issues)) }
        let g = grant.grant
        let resource = try await self.resource(code: g.resourceCode)
        let dialect = database.dialect
        let id = try await database.transaction { (db: any SQLDatabase) -> Int64 in
            let row = try await db.raw("""
                INSERT INTO push_subscriptions (code, grant_id, resource_id, provider_id, organization_id, system_id, fields, mode, target_kind, target, format,
                    interval_minutes, state, next_run_at, created_by, created_at)
                VALUES (\(bind: "push-pending-\(RandomText.hex(8))"), \(bind: g.id), \(bind: g.resourceID), \(bind: grant.providerID), \(bind: g.organizationID),
                    \(bind: g.systemID), \(bind: try JSONText.encode(g.fields)), \(bind: draft.mode.rawValue), \(bind: draft.targetKind.rawValue),
                    \(bind: draft.target), \(bind: draft.format.rawValue), \(bind: draft.intervalMinutes), 'active', \(bind: Clock.millis(now)),
                    \(bind: actor.displayName), \(bind: Clock.millis(now)))
                RETURNING id
                """).first()
            let id = try row.orThrow(.notFound("subscription")).decode(column: "id", as: Int64.self)
            try await db.raw("UPDATE push_subscriptions SET code = \(bind: "push-\(id)") WHERE id = \(bind: id)").run()
            // Deliveries read rows in (batch, row) order after a cursor: index that order once
            // the resource has a subscriber, so ingest pays nothing for resources nobody pushes.
            try await DataTable.ensure(db, resource, dialect)
            let table = DataTable.name(resource.id)
            try await db.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: table)_push ON \(unsafeRaw: table)(_batch, _id)").run()
            return id
        }
        return try await subscription(id: id)
    }

    /// One subscription.
    public func subscription(id: Int64) async throws -> PushSubscriptionSummary {
        let row = try await database.read { db in try await db.raw("\(unsafeRaw: Self.subscriptionSelect) WHERE ps.id = \(bind: id)").first() }
        return try Self.subscriptionSummary(try row.orThrow(.notFound("subscription \(id)")))
    }

    /// Subscriptions a reader may see: the bureau sees all; a unit sees those it receives or
    /// provides.
    public func subscriptions(visibleTo actor: Principal) async throws -> [PushSubscriptionSummary] {
        let all = AccessPolicy.overseesSharing(bureau: try await bureauID(), actor)
        let unit = actor.organizationID ?? -1
        let filter: SQLQueryString = all ? "" : "WHERE ps.organization_id = \(bind: unit) OR ps.provider_id = \(bind: unit)"
        return try await database.read { db in
            try await db.raw("\(unsafeRaw: Self.subscriptionSelect) \(filter) ORDER BY ps.id DESC").all().map(Self.subscriptionSummary)
        }
    }

    /// A subscription's deliveries, newest first.
    public func deliveries(subscriptionID: Int64, limit: Int = 50) async throws -> [PushDelivery] {
        try await database.read { db in
            try await db.raw("SELECT * FROM push_deliveries WHERE subscription_id = \(bind: subscriptionID) ORDER BY id DESC LIMIT \(bind: limit)").all().map(Self.delivery)
        }
    }

    /// Reading a subscription: the two units and those who oversee sharing.
    public func checkCanSee(_ s: PushSubscriptionSummary, _ actor: Principal) async throws {
        try AccessPolicy.canSee(consumer: s.subscription.organizationID, provider: s.subscription.providerID, bureau: try await bureauID(), actor)
    }

    /// Pauses, resumes or cancels a subscription (the subscribing unit's officer or the
    /// bureau). Resuming makes the next run due at once; cancelling drops waiting deliveries.
    public func setSubscriptionState(id: Int64, _ state: PushState, by actor: Principal, now: Date = Date()) async throws -> PushSubscriptionSummary {
        let current = try await subscription(id: id).subscription
        try AccessPolicy.canRequestSharing(for: current.organizationID, actor)
        guard current.state != .cancelled else { throw StoreError.conflict(Strings["push.cancelled"]) }
        if state == .active {
            let grant = try await self.grant(id: current.draft.grantID, now: now)
            guard grant.status == .active else {
                throw StoreError.invalid(ValidationFailure(field: "grantID", code: "grant_inactive", message: Strings.format("push.grant_inactive", ["status": grant.status.rawValue])))
            }
        }
        let at = Clock.millis(now)
        try await database.transaction { (db: any SQLDatabase) in
            switch state {
            case .active:
                try await db.raw("UPDATE push_subscriptions SET state = 'active', next_run_at = \(bind: at), last_error = NULL WHERE id = \(bind: id)").run()
            case .paused:
                try await db.raw("UPDATE push_subscriptions SET state = 'paused' WHERE id = \(bind: id)").run()
            case .cancelled:
                try await db.raw("UPDATE push_subscriptions SET state = 'cancelled', cancelled_at = \(bind: at), next_run_at = NULL WHERE id = \(bind: id)").run()
                try await db.raw("UPDATE push_deliveries SET state = 'cancelled', last_error = 'subscription cancelled' WHERE subscription_id = \(bind: id) AND state = 'pending'").run()
            }
        }
        return try await subscription(id: id)
    }

    /// Asks for a run now (on-demand subscriptions run only so).
    public func runSubscriptionNow(id: Int64, by actor: Principal, now: Date = Date()) async throws -> PushSubscriptionSummary {
        let current = try await subscription(id: id).subscription
        try AccessPolicy.canRequestSharing(for: current.organizationID, actor)
        guard current.state == .active else { throw StoreError.conflict(Strings.format("push.not_active", ["state": current.state.rawValue])) }
        try await database.transaction { (db: any SQLDatabase) in
            try await db.raw("UPDATE push_subscriptions SET next_run_at = \(bind: Clock.millis(now)) WHERE id = \(bind: id)").run()
        }
        return try await subscription(id: id)
    }
}

/// A day's deliveries for one subscription (the `push_daily` roll-up).
public struct PushDailyCount: Sendable, Encodable, Equatable {
    public var day: String
    public var subscriptionID: Int64
    public var providerID: Int64
    public var organizationID: Int64
    public var records: Int
    public var deliveries: Int
}

/// A day's successful visits to one query module from one unit (the `query_visit_daily` roll-up).
public struct QueryVisitCount: Sendable, Encodable, Equatable {
    public var day: String
    public var moduleID: Int64
    public var organizationID: Int64
    public var visits: Int
}

extension Store {
    /// The push roll-up, by day and subscription.
    public func pushDaily() async throws -> [PushDailyCount] {
        try await database.read { db in
            try await db.raw("SELECT * FROM push_daily ORDER BY day, subscription_id").all().map { row in
                PushDailyCount(day: try row.decode(column: "day", as: String.self), subscriptionID: try row.decode(column: "subscription_id", as: Int64.self),
                               providerID: try row.decode(column: "provider_id", as: Int64.self),
                               organizationID: try row.decode(column: "organization_id", as: Int64.self),
                               records: try row.decode(column: "records", as: Int.self), deliveries: try row.decode(column: "deliveries", as: Int.self))
            }
        }
    }

    /// The query-page roll-up, by day, module and visiting unit.
    public func queryVisitDaily() async throws -> [QueryVisitCount] {
        try await database.read { db in
            try await db.raw("SELECT * FROM query_visit_daily ORDER BY day, module_id, organization_id").all().map { row in
                QueryVisitCount(day: try row.decode(column: "day", as: String.self), moduleID: try row.decode(column: "module_id", as: Int64.self),
                                organizationID: try row.decode(column: "organization_id", as: Int64.self), visits: try row.decode(column: "visits", as: Int.self))
            }
        }
    }
}
