extension Schema {
    /// Push subscriptions with their deliveries, query pages with their visits, and the daily
    /// counters both feed (the bulletin's 附件 2 and 附件 5).
    static let pushAndQuery = Migration(version: 4, name: "sharing: push subscriptions, query pages", statements: [
        """
        CREATE TABLE push_subscriptions (
            {id},
            code TEXT NOT NULL UNIQUE,
            grant_id BIGINT NOT NULL REFERENCES grants(id),
            resource_id BIGINT NOT NULL REFERENCES resources(id),
            provider_id BIGINT NOT NULL REFERENCES organizations(id),
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            system_id BIGINT NOT NULL REFERENCES information_systems(id),
            fields TEXT NOT NULL,
            mode TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            target TEXT NOT NULL,
            format TEXT NOT NULL,
            interval_minutes BIGINT NOT NULL,
            state TEXT NOT NULL,
            watermark BIGINT NOT NULL DEFAULT 0,
            watermark_row BIGINT NOT NULL DEFAULT 0,
            next_run_at BIGINT,
            last_error TEXT,
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            cancelled_at BIGINT
        )
        """,
        "CREATE INDEX push_subscriptions_due ON push_subscriptions(state, next_run_at)",
        "CREATE INDEX push_subscriptions_org ON push_subscriptions(organization_id)",
        "CREATE INDEX push_subscriptions_provider ON push_subscriptions(provider_id)",
        """
        CREATE TABLE push_deliveries (
            {id},
            subscription_id BIGINT NOT NULL REFERENCES push_subscriptions(id),
            batch_id TEXT NOT NULL UNIQUE,
            from_batch BIGINT NOT NULL,
            from_row BIGINT NOT NULL,
            to_batch BIGINT NOT NULL,
            to_row BIGINT NOT NULL,
            records BIGINT NOT NULL,
            state TEXT NOT NULL,
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            delivered_at BIGINT
        )
        """,
        "CREATE INDEX push_deliveries_subscription ON push_deliveries(subscription_id, id)",
        "CREATE INDEX push_deliveries_pending ON push_deliveries(state, next_attempt_at)",
        """
        CREATE TABLE push_daily (
            day TEXT NOT NULL,
            subscription_id BIGINT NOT NULL,
            resource_id BIGINT NOT NULL,
            provider_id BIGINT NOT NULL,
            organization_id BIGINT NOT NULL,
            records BIGINT NOT NULL,
            deliveries BIGINT NOT NULL,
            PRIMARY KEY (day, subscription_id)
        )
        """,
        "CREATE INDEX push_daily_provider ON push_daily(provider_id, day)",
        """
        CREATE TABLE query_modules (
            {id},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            service_id BIGINT NOT NULL REFERENCES data_services(id),
            resource_id BIGINT NOT NULL REFERENCES resources(id),
            provider_id BIGINT NOT NULL REFERENCES organizations(id),
            state TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            published_at BIGINT
        )
        """,
        "CREATE INDEX query_modules_resource ON query_modules(resource_id)",
        """
        CREATE TABLE query_visits (
            {id},
            at BIGINT NOT NULL,
            module_id BIGINT NOT NULL,
            organization_id BIGINT NOT NULL,
            user_id BIGINT NOT NULL,
            status BIGINT NOT NULL,
            row_count BIGINT NOT NULL,
            params TEXT NOT NULL
        )
        """,
        "CREATE INDEX query_visits_at ON query_visits(at)",
        """
        CREATE TABLE query_visit_daily (
            day TEXT NOT NULL,
            module_id BIGINT NOT NULL,
            organization_id BIGINT NOT NULL,
            visits BIGINT NOT NULL,
            PRIMARY KEY (day, module_id, organization_id)
        )
        """,
        "CREATE INDEX query_visit_daily_org ON query_visit_daily(organization_id, day)",
    ])
}
