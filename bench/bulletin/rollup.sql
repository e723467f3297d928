-- Rebuilds call_daily from the raw calls the way the gateway's meter keeps it (Beijing days).
PRAGMA synchronous = OFF;
BEGIN;
DELETE FROM call_daily;
INSERT INTO call_daily (day, system_id, service_id, organization_id, calls, failures, row_count, bytes)
SELECT date((at + 28800000) / 1000, 'unixepoch'), system_id, service_id, MIN(organization_id), COUNT(*), SUM(status >= 400), SUM(row_count), SUM(bytes)
FROM calls GROUP BY 1, 2, 3;
COMMIT;
ANALYZE;
