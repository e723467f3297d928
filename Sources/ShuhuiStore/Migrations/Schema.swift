/// The schema, as an ordered list of migrations. Never edit a released step; add one.
enum Schema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "units, systems, accounts, catalog", statements: [
            """
            CREATE TABLE organizations (
                {id},
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL UNIQUE,
                short_name TEXT NOT NULL,
                kind TEXT NOT NULL,
                parent_id BIGINT REFERENCES organizations(id),
                region_code TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX organizations_parent ON organizations(parent_id)",
            """
            CREATE TABLE information_systems (
                {id},
                organization_id BIGINT NOT NULL REFERENCES organizations(id),
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                level TEXT NOT NULL,
                status TEXT NOT NULL,
                owner TEXT NOT NULL,
                summary TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX information_systems_org ON information_systems(organization_id)",
            """
            CREATE TABLE users (
                {id},
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                organization_id BIGINT REFERENCES organizations(id),
                active BIGINT NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                {id},
                user_id BIGINT NOT NULL REFERENCES users(id),
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT,
                revoked_at BIGINT,
                last_used_at BIGINT
            )
            """,
            "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
            """
            CREATE TABLE resources (
                {id},
                code TEXT NOT NULL UNIQUE,
                category_code TEXT NOT NULL,
                name TEXT NOT NULL,
                provider_id BIGINT NOT NULL REFERENCES organizations(id),
                source_system_id BIGINT REFERENCES information_systems(id),
                sharing TEXT NOT NULL,
                open_attribute TEXT NOT NULL,
                grade TEXT NOT NULL,
                update_cycle TEXT NOT NULL,
                status TEXT NOT NULL,
                version BIGINT NOT NULL,
                search_text TEXT NOT NULL,
                document TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX resources_provider ON resources(provider_id)",
            "CREATE INDEX resources_category ON resources(category_code)",
            """
            CREATE TABLE resource_fields (
                resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                sensitivity TEXT NOT NULL,
                sharing TEXT NOT NULL,
                PRIMARY KEY (resource_id, position)
            )
            """,
            "CREATE INDEX resource_fields_name ON resource_fields(name)",
            """
            CREATE TABLE resource_versions (
                resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
                version BIGINT NOT NULL,
                actor_id BIGINT,
                actor_name TEXT NOT NULL,
                action TEXT NOT NULL,
                at BIGINT NOT NULL,
                document TEXT NOT NULL,
                changes TEXT NOT NULL,
                PRIMARY KEY (resource_id, version)
            )
            """,
            """
            CREATE TABLE resource_sequences (
                category_code TEXT PRIMARY KEY,
                last_sequence BIGINT NOT NULL
            )
            """,
        ]),
        Migration(version: 2, name: "collection batches, problem data, daily counters", statements: [
            """
            CREATE TABLE batches (
                {id},
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                organization_id BIGINT NOT NULL REFERENCES organizations(id),
                idempotency_key TEXT,
                mode TEXT NOT NULL,
                format TEXT NOT NULL,
                status TEXT NOT NULL,
                rows_total BIGINT NOT NULL DEFAULT 0,
                rows_stored BIGINT NOT NULL DEFAULT 0,
                problem_rows BIGINT NOT NULL DEFAULT 0,
                bytes BIGINT NOT NULL DEFAULT 0,
                tally TEXT NOT NULL DEFAULT '{}',
                error TEXT,
                actor_name TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE UNIQUE INDEX batches_idempotency ON batches(resource_id, idempotency_key)",
            "CREATE INDEX batches_resource ON batches(resource_id, id)",
            """
            CREATE TABLE problem_records (
                {id},
                batch_id BIGINT NOT NULL REFERENCES batches(id),
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                organization_id BIGINT NOT NULL,
                row_number BIGINT NOT NULL,
                record_key TEXT,
                field TEXT,
                rule TEXT NOT NULL,
                dimension TEXT NOT NULL,
                value TEXT,
                message TEXT NOT NULL,
                raw TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                closed_at BIGINT,
                closed_by_batch BIGINT
            )
            """,
            "CREATE INDEX problem_records_resource ON problem_records(resource_id, status, id)",
            "CREATE INDEX problem_records_key ON problem_records(resource_id, record_key)",
            """
            CREATE TABLE collection_daily (
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                organization_id BIGINT NOT NULL,
                day TEXT NOT NULL,
                rows_collected BIGINT NOT NULL,
                batches BIGINT NOT NULL,
                bytes BIGINT NOT NULL,
                problem_rows BIGINT NOT NULL,
                PRIMARY KEY (resource_id, day)
            )
            """,
            "CREATE INDEX collection_daily_org ON collection_daily(organization_id, day)",
            """
            CREATE TABLE quality_daily (
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                organization_id BIGINT NOT NULL,
                day TEXT NOT NULL,
                dimension TEXT NOT NULL,
                checked BIGINT NOT NULL,
                failed BIGINT NOT NULL,
                PRIMARY KEY (resource_id, day, dimension)
            )
            """,
        ]),
    ]
}
