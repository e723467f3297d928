-- Push subscriptions and query pages for bench/bulletin (needs migration 4): 300 push
-- subscriptions (60 to the provincial centre, unit 49) with 8 weeks of push_daily, 108 query
-- modules with :visits raw visits over 8 weeks rolled up into query_visit_daily.
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO push_subscriptions (code, grant_id, resource_id, provider_id, organization_id, system_id, fields, mode, target_kind, target, format,
                                interval_minutes, state, watermark, watermark_row, next_run_at, last_error, created_by, created_at, cancelled_at)
SELECT printf('bench-push-%04d', i), 0, ((i - 1) % 192) + 1, ((((i - 1) % 192) + 1) - 1) % 48 + 1, CASE WHEN i % 5 = 0 THEN 49 ELSE (i * 7) % 48 + 1 END,
       (i % 53) + 1, '["f0","f1","f2","f3"]', 'incremental', 'directory', '/tmp', 'csv', 1440, 'active', 0, 0, NULL, NULL, 'bench', 0, NULL FROM n;
WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < 55)
INSERT INTO push_daily (day, subscription_id, resource_id, provider_id, organization_id, records, deliveries)
SELECT date('2018-03-24', '+' || k || ' days'), s.id, s.resource_id, s.provider_id, s.organization_id, 500 + (s.id * 7919 + k * 104729) % 20000, 1
FROM push_subscriptions s, d;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 108)
INSERT INTO query_modules (code, name, service_id, resource_id, provider_id, state, created_at, published_at)
SELECT printf('bench-q-%03d', i), printf('查询模块%03d', i), i, ((i - 1) % 192) + 1, ((((i - 1) % 192) + 1) - 1) % 48 + 1, 'published', 0, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :visits)
INSERT INTO query_visits (at, module_id, organization_id, user_id, status, row_count, params)
SELECT 1521820800000 + (i * 104729) % 4838400000, (i * 13) % 108 + 1, (i * 29) % 48 + 1, 1, 200, 1, '{}' FROM n;
INSERT INTO query_visit_daily (day, module_id, organization_id, visits)
SELECT date((at + 28800000) / 1000, 'unixepoch'), module_id, organization_id, COUNT(*) FROM query_visits GROUP BY 1, 2, 3;
COMMIT;
