-- Synthetic city for bench/bulletin: 48 units (+ the provincial centre), 53 systems, 192
-- resources of 10 fields, 1,276 published data services, 8 weeks of collection roll-ups.
-- Calls are added by calls.sql. Ids start at 1 (the database is fresh).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 48)
INSERT INTO organizations (code, name, short_name, kind, parent_id, region_code, created_at)
SELECT printf('B%017d', i), printf('基准单位%02d全称', i), printf('基准单位%02d', i), CASE WHEN i > 40 THEN 'district' ELSE 'department' END, NULL, '330100', 0 FROM n;
INSERT INTO organizations (code, name, short_name, kind, parent_id, region_code, created_at) VALUES ('B99999999999999999', '省大数据中心全称', '省大数据中心', 'provincialCentre', NULL, '330000', 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 53)
INSERT INTO information_systems (organization_id, code, name, level, status, owner, summary, created_at)
SELECT ((i - 1) % 48) + 1, printf('SYS-B-%04d', i), printf('业务系统%02d', i), 'municipal', 'running', '-', '', 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 192)
INSERT INTO resources (code, category_code, name, provider_id, source_system_id, sharing, open_attribute, grade, update_cycle, status, version, search_text, document, created_at, updated_at)
SELECT printf('301001-%05d', i), '301001', printf('资源%03d', i), ((i - 1) % 48) + 1, NULL, 'unconditional', 'notOpen', 'L1', 'daily', 'active', 1, '', '{}', 0, 0 FROM n;
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 192), f(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM f WHERE p < 9)
INSERT INTO resource_fields (resource_id, position, code, name, type, sensitivity, sharing) SELECT i, p, printf('f%d', p), printf('字段%d', p), 'string', 'L1', 'unconditional' FROM r, f;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1276)
INSERT INTO data_services (code, resource_id, organization_id, name, state, document, created_at, published_at, retired_at)
SELECT printf('bench-%04d', i), ((i - 1) % 192) + 1, ((((i - 1) % 192) + 1) - 1) % 48 + 1, printf('服务%04d', i), 'published', '{}', 0, 0, NULL FROM n;
-- 8 weeks: 2018-03-24 … 2018-05-18, every resource every day.
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 192), d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < 55)
INSERT INTO collection_daily (resource_id, organization_id, day, rows_collected, batches, bytes, problem_rows)
SELECT i, ((i - 1) % 48) + 1, date('2018-03-24', '+' || k || ' days'), 1000 + (i * 7919 + k * 104729) % 50000, 1, 300 * (1000 + (i * 7919 + k * 104729) % 50000), 0 FROM r, d;
COMMIT;
