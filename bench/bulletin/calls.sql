-- Appends :n call events (raw log) over the 8 weeks; each system calls its own 24 services.
-- Run with: sqlite3 DB -cmd ".parameter set :n N" -cmd ".parameter set :from F" < calls.sql
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM n WHERE i < :from + :n - 1)
INSERT INTO calls (at, app_key, system_id, organization_id, service_id, grant_id, status, gateway_us, store_us, row_count, bytes, params)
SELECT 1521820800000 + (i * 104729) % 4838400000, NULL, s, ((s - 1) % 48) + 1, ((s - 1) * 24 + (i * 7) % 24) % 1276 + 1, NULL,
       CASE WHEN i % 97 = 0 THEN 429 ELSE 200 END, 300, 200, 1, 900, '{}'
FROM (SELECT i, (i * 31) % 53 + 1 AS s FROM n);
COMMIT;
