extension Schema {
    /// Open data (issue 7): datasets published from catalog resources, their snapshot
    /// publications, developers with app keys, restricted-access applications, showcased apps
    /// and daily usage counters. Each publication's rows live in their own table `od_<id>`.
    static let openData = Migration(version: 6, name: "open data: datasets, publications, developers, apps, usage", statements: [
        """
        CREATE TABLE open_datasets (
            {id},
            resource_id BIGINT NOT NULL UNIQUE REFERENCES resources(id),
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            modified_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE open_publications (
            {id},
            dataset_id BIGINT NOT NULL REFERENCES open_datasets(id),
            version BIGINT NOT NULL,
            access TEXT NOT NULL,
            published_at BIGINT NOT NULL,
            row_count BIGINT NOT NULL,
            fields TEXT NOT NULL,
            published_by TEXT NOT NULL,
            UNIQUE (dataset_id, version)
        )
        """,
        """
        CREATE TABLE open_developers (
            {id},
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL UNIQUE,
            credit_code TEXT,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE open_app_keys (
            {id},
            developer_id BIGINT NOT NULL REFERENCES open_developers(id),
            name TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            daily_quota BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX open_app_keys_developer ON open_app_keys(developer_id)",
        """
        CREATE TABLE open_key_daily (
            day TEXT NOT NULL,
            key_id BIGINT NOT NULL,
            calls BIGINT NOT NULL,
            PRIMARY KEY (day, key_id)
        )
        """,
        """
        CREATE TABLE open_applications (
            {id},
            dataset_id BIGINT NOT NULL REFERENCES open_datasets(id),
            developer_id BIGINT NOT NULL REFERENCES open_developers(id),
            purpose TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            decided_at BIGINT,
            decided_by TEXT
        )
        """,
        "CREATE INDEX open_applications_dataset ON open_applications(dataset_id, developer_id)",
        """
        CREATE TABLE open_apps (
            {id},
            developer_id BIGINT NOT NULL REFERENCES open_developers(id),
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            url TEXT NOT NULL,
            datasets TEXT NOT NULL,
            state TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            reviewed_at BIGINT
        )
        """,
        """
        CREATE TABLE open_usage_daily (
            day TEXT NOT NULL,
            dataset_id BIGINT NOT NULL,
            provider_id BIGINT NOT NULL,
            views BIGINT NOT NULL,
            downloads BIGINT NOT NULL,
            api_calls BIGINT NOT NULL,
            PRIMARY KEY (day, dataset_id)
        )
        """,
        "CREATE INDEX open_usage_daily_provider ON open_usage_daily(provider_id, day)",
    ])
}
