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
            Migration(version: 3, name: "sharing: requests, grants, data services, credentials, metering", statements: [
            "CREATE TABLE platform_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE calendar_days (day TEXT PRIMARY KEY, kind TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')",
            """
            CREATE TABLE sharing_requests (
                {id},
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                provider_id BIGINT NOT NULL REFERENCES organizations(id),
                organization_id BIGINT NOT NULL REFERENCES organizations(id),
                system_id BIGINT NOT NULL REFERENCES information_systems(id),
                fields TEXT NOT NULL,
                mode TEXT NOT NULL,
                purpose TEXT NOT NULL,
                legal_basis TEXT NOT NULL,
                valid_until TEXT NOT NULL,
                state TEXT NOT NULL,
                step_started_at BIGINT NOT NULL,
                due_at BIGINT,
                reason TEXT,
                requester_id BIGINT NOT NULL,
                requester_name TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                decided_at BIGINT
            )
            """,
            "CREATE INDEX sharing_requests_provider ON sharing_requests(provider_id, state)",
            "CREATE INDEX sharing_requests_consumer ON sharing_requests(organization_id, state)",
            "CREATE INDEX sharing_requests_state ON sharing_requests(state, due_at)",
            """
            CREATE TABLE sharing_request_events (
                request_id BIGINT NOT NULL REFERENCES sharing_requests(id),
                seq BIGINT NOT NULL,
                at BIGINT NOT NULL,
                actor_id BIGINT NOT NULL,
                actor_name TEXT NOT NULL,
                action TEXT NOT NULL,
                state TEXT NOT NULL,
                reason TEXT,
                PRIMARY KEY (request_id, seq)
            )
            """,
            """
            CREATE TABLE grants (
                {id},
                request_id BIGINT NOT NULL REFERENCES sharing_requests(id),
                organization_id BIGINT NOT NULL REFERENCES organizations(id),
                system_id BIGINT NOT NULL REFERENCES information_systems(id),
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                provider_id BIGINT NOT NULL,
                fields TEXT NOT NULL,
                mode TEXT NOT NULL,
                masks TEXT NOT NULL,
                rate_per_minute BIGINT,
                activated_at BIGINT NOT NULL,
                valid_until TEXT NOT NULL,
                revoked_at BIGINT,
                revoke_reason TEXT,
                last_called_at BIGINT
            )
            """,
            "CREATE INDEX grants_system ON grants(system_id, resource_id)",
            "CREATE INDEX grants_organization ON grants(organization_id)",
            """
            CREATE TABLE data_services (
                {id},
                code TEXT NOT NULL UNIQUE,
                resource_id BIGINT NOT NULL REFERENCES resources(id),
                organization_id BIGINT NOT NULL REFERENCES organizations(id),
                name TEXT NOT NULL,
                state TEXT NOT NULL,
                document TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                published_at BIGINT,
                retired_at BIGINT
            )
            """,
            "CREATE INDEX data_services_resource ON data_services(resource_id)",
            """
            CREATE TABLE app_credentials (
                {id},
                system_id BIGINT NOT NULL REFERENCES information_systems(id),
                app_key TEXT NOT NULL UNIQUE,
                secret TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE calls (
                {id},
                at BIGINT NOT NULL,
                app_key TEXT,
                system_id BIGINT NOT NULL,
                organization_id BIGINT NOT NULL,
                service_id BIGINT NOT NULL,
                grant_id BIGINT,
                status BIGINT NOT NULL,
                gateway_us BIGINT NOT NULL,
                store_us BIGINT NOT NULL,
                row_count BIGINT NOT NULL,
                bytes BIGINT NOT NULL,
                params TEXT NOT NULL
            )
            """,
            "CREATE INDEX calls_at ON calls(at)",
            "CREATE INDEX calls_service ON calls(service_id, at)",
            """
            CREATE TABLE call_daily (
                day TEXT NOT NULL,
                system_id BIGINT NOT NULL,
                service_id BIGINT NOT NULL,
                organization_id BIGINT NOT NULL,
                calls BIGINT NOT NULL,
                failures BIGINT NOT NULL,
                row_count BIGINT NOT NULL,
                bytes BIGINT NOT NULL,
                PRIMARY KEY (day, system_id, service_id)
            )
            """,
            "CREATE INDEX call_daily_org ON call_daily(organization_id, day)",
        ]),
        pushAndQuery,
        bulletin,
        openData,
        oneWindow,
        matterRetirement,
    ]
}
