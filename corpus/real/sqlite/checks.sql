-- A workload for the sqlite3 shell that checks its own results: every line of output is "ok"
-- or names the check that failed.
CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER, city TEXT);
CREATE TABLE visit(person INTEGER REFERENCES person(id), place TEXT, day INTEGER);
CREATE INDEX visit_place ON visit(place, day);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO person SELECT i, 'p' || i, 1900 + i % 120, 'c' || (i % 37) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO visit SELECT 1 + (i * 7919) % 5000, 'place' || (i % 101), i FROM n;
SELECT CASE WHEN (SELECT count(*) FROM person) = 5000 THEN 'ok' ELSE 'FAIL: person count' END;
SELECT CASE WHEN (SELECT count(*) FROM visit) = 20000 THEN 'ok' ELSE 'FAIL: visit count' END;
SELECT CASE WHEN (SELECT sum(born) FROM person) = (SELECT sum(1900 + value % 120) FROM generate_series(1, 5000))
            THEN 'ok' ELSE 'FAIL: sum' END;
SELECT CASE WHEN (SELECT count(DISTINCT city) FROM person) = 37 THEN 'ok' ELSE 'FAIL: distinct' END;
SELECT CASE WHEN (SELECT count(*) FROM (SELECT place, count(*) c FROM visit GROUP BY place HAVING c >= 198)) = 101
            THEN 'ok' ELSE 'FAIL: group by' END;
SELECT CASE WHEN (SELECT count(*) FROM person p JOIN visit v ON v.person = p.id WHERE p.city = 'c3') > 0
            THEN 'ok' ELSE 'FAIL: join' END;
SELECT CASE WHEN (SELECT max(r) FROM (SELECT rank() OVER (PARTITION BY city ORDER BY born DESC, id) r FROM person)) = 136
            THEN 'ok' ELSE 'FAIL: window' END;
UPDATE person SET name = upper(name) WHERE id % 2 = 0;
SELECT CASE WHEN (SELECT count(*) FROM person WHERE name GLOB 'P*') = 2500 THEN 'ok' ELSE 'FAIL: update' END;
DELETE FROM visit WHERE day % 3 = 0;
SELECT CASE WHEN (SELECT count(*) FROM visit) = 13334 THEN 'ok' ELSE 'FAIL: delete' END;
BEGIN; INSERT INTO person VALUES (9999, 'temp', 2000, 'x'); ROLLBACK;
SELECT CASE WHEN (SELECT count(*) FROM person WHERE id = 9999) = 0 THEN 'ok' ELSE 'FAIL: rollback' END;
SELECT CASE WHEN json_extract('{"a":[1,2,{"b":"x"}]}', '$.a[2].b') = 'x' THEN 'ok' ELSE 'FAIL: json' END;
SELECT CASE WHEN (SELECT group_concat(value) FROM json_each('[3,1,2]')) = '3,1,2' THEN 'ok' ELSE 'FAIL: json_each' END;
SELECT CASE WHEN printf('%08.3f|%-5s|%x', 3.14159, 'ab', 255) = '0003.142|ab   |ff' THEN 'ok' ELSE 'FAIL: printf' END;
SELECT CASE WHEN (SELECT count(*) FROM person WHERE name LIKE 'p1%') > 0 THEN 'ok' ELSE 'FAIL: like' END;
CREATE VIEW busy AS SELECT person, count(*) n FROM visit GROUP BY person;
SELECT CASE WHEN (SELECT sum(n) FROM busy) = 13334 THEN 'ok' ELSE 'FAIL: view' END;
CREATE TRIGGER keep AFTER DELETE ON person BEGIN DELETE FROM visit WHERE person = old.id; END;
DELETE FROM person WHERE id <= 100;
SELECT CASE WHEN (SELECT count(*) FROM visit WHERE person <= 100) = 0 THEN 'ok' ELSE 'FAIL: trigger' END;
VACUUM;
SELECT CASE WHEN (SELECT integrity_check FROM pragma_integrity_check) = 'ok' THEN 'ok' ELSE 'FAIL: integrity' END;
