extension Schema {
    /// One-window platform: matters, system joins, cases with their history, bundles,
    /// indicators with per-unit values, targets, tasks with monthly filings.
    static let oneWindow = Migration(version: 7, name: "one window: matters, joins, cases, bundles, indicators, targets, tasks", statements: [
        """
        CREATE TABLE matters (
            {id},
            code TEXT NOT NULL UNIQUE,
            basic_code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            level TEXT NOT NULL,
            system_id BIGINT REFERENCES information_systems(id),
            case_volume BIGINT NOT NULL,
            top100 BIGINT NOT NULL,
            nearby BIGINT NOT NULL,
            online BIGINT NOT NULL,
            online_exception TEXT,
            audience TEXT NOT NULL,
            joined_on TEXT,
            document TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX matters_org ON matters(organization_id)",
        "CREATE INDEX matters_level_volume ON matters(level, case_volume)",
        """
        CREATE TABLE system_joins (
            system_id BIGINT PRIMARY KEY REFERENCES information_systems(id),
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            planned BIGINT NOT NULL,
            joined_on TEXT,
            mode TEXT,
            batch TEXT,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX system_joins_org ON system_joins(organization_id)",
        """
        CREATE TABLE bundles (
            {id},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            audience TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE bundle_matters (
            bundle_id BIGINT NOT NULL REFERENCES bundles(id),
            matter_id BIGINT NOT NULL REFERENCES matters(id),
            position BIGINT NOT NULL,
            PRIMARY KEY (bundle_id, matter_id)
        )
        """,
        """
        CREATE TABLE bundle_applications (
            {id},
            bundle_id BIGINT NOT NULL REFERENCES bundles(id),
            applicant TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE cases (
            {id},
            matter_id BIGINT NOT NULL REFERENCES matters(id),
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            application_id BIGINT REFERENCES bundle_applications(id),
            system_id BIGINT REFERENCES information_systems(id),
            external_code TEXT,
            channel TEXT NOT NULL,
            applicant TEXT NOT NULL,
            state TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            received_day TEXT NOT NULL,
            accepted_day TEXT,
            completed_day TEXT,
            clock TEXT,
            due_day TEXT,
            reason TEXT
        )
        """,
        "CREATE INDEX cases_matter ON cases(matter_id, state)",
        "CREATE INDEX cases_org ON cases(organization_id, state)",
        "CREATE INDEX cases_received ON cases(received_day)",
        "CREATE INDEX cases_application ON cases(application_id)",
        "CREATE UNIQUE INDEX cases_external ON cases(system_id, external_code)",
        """
        CREATE TABLE case_events (
            case_id BIGINT NOT NULL REFERENCES cases(id),
            seq BIGINT NOT NULL,
            at BIGINT NOT NULL,
            day TEXT NOT NULL,
            actor_id BIGINT NOT NULL,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (case_id, seq)
        )
        """,
        """
        CREATE TABLE indicators (
            {id},
            code TEXT NOT NULL UNIQUE,
            document TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE indicator_values (
            indicator_id BIGINT NOT NULL REFERENCES indicators(id),
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            period TEXT NOT NULL,
            value TEXT NOT NULL,
            imported_at BIGINT NOT NULL,
            PRIMARY KEY (indicator_id, organization_id, period)
        )
        """,
        "CREATE INDEX indicator_values_period ON indicator_values(period)",
        """
        CREATE TABLE one_window_targets (
            code TEXT PRIMARY KEY,
            document TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE ow_tasks (
            {id},
            parent_id BIGINT REFERENCES ow_tasks(id),
            title TEXT NOT NULL,
            organization_id BIGINT NOT NULL REFERENCES organizations(id),
            owner TEXT NOT NULL,
            due_day TEXT NOT NULL,
            done_day TEXT,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX ow_tasks_parent ON ow_tasks(parent_id)",
        """
        CREATE TABLE ow_task_filings (
            task_id BIGINT NOT NULL REFERENCES ow_tasks(id),
            month TEXT NOT NULL,
            progress TEXT NOT NULL,
            filed_by TEXT NOT NULL,
            filed_at BIGINT NOT NULL,
            PRIMARY KEY (task_id, month)
        )
        """,
    ])
}
