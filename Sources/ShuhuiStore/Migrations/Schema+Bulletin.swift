extension Schema {
    /// Opening balances (期初数) and bulletins with their workflow and frozen content.
    static let bulletin = Migration(version: 5, name: "bulletin: opening balances, bulletins", statements: [
        // One balance per unit, measure and (for calls only) system; 0 = the whole unit.
        // Activity on days up to and including as_of is taken as included in the balance.
        """
        CREATE TABLE opening_balances (
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            system_id BIGINT NOT NULL DEFAULT 0,
            measure TEXT NOT NULL,
            as_of TEXT NOT NULL,
            value BIGINT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            set_by_id BIGINT,
            set_by TEXT NOT NULL,
            set_at BIGINT NOT NULL,
            PRIMARY KEY (organization_id, system_id, measure)
        )
        """,
        """
        CREATE TABLE bulletins (
            {id},
            kind TEXT NOT NULL,
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL,
            state TEXT NOT NULL,
            work_text TEXT NOT NULL DEFAULT '',
            figures TEXT NOT NULL,
            frozen TEXT,
            created_at BIGINT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at BIGINT NOT NULL,
            updated_by TEXT NOT NULL,
            checked_at BIGINT,
            checked_by TEXT,
            issued_at BIGINT,
            issued_by TEXT,
            UNIQUE (kind, period_end)
        )
        """,
        """
        CREATE TABLE bulletin_events (
            bulletin_id BIGINT NOT NULL REFERENCES bulletins(id),
            seq BIGINT NOT NULL,
            at BIGINT NOT NULL,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (bulletin_id, seq)
        )
        """,
        "CREATE INDEX sharing_requests_created ON sharing_requests(created_at)",
        "CREATE INDEX call_daily_service ON call_daily(service_id, day)",
    ])
}
