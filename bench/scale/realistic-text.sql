-- Bytes per request and per history row with texts of realistic length, which
-- bench/generate-data.sh does not write (its subjects and descriptions are one short line):
-- 20,000 requests copied into a scratch table with a Russian subject of about 70 characters,
-- a description of about 700, an address, an e-mail and an IIN, and for the decided ones an
-- answer of about 900; the table gets the indexes of `requests`. Likewise 60,000 history rows
-- where one act in three carries a note of about 150 characters. Words are drawn at random from
-- a small vocabulary, so the text compresses about as well as prose. Dropped at the end.
\pset pager off
CREATE TEMPORARY TABLE words AS
SELECT unnest(string_to_array('обращение жители дома улица ремонт вода отопление подъезд крыша двор освещение '
    || 'дорога остановка автобус школа больница поликлиника пенсия пособие земля участок акимат просим '
    || 'рассмотреть срочно неделю месяц года зимой летом после дождя заявление ответ комиссия проверка '
    || 'нарушение жалоба предложение помощь семья дети инвалидность очередь документы справка налог', ' ')) AS w;
CREATE FUNCTION pg_temp.prose(n integer) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT string_agg(v[1 + floor(random() * cardinality(v))::integer + 0 * i], ' ')
    FROM (SELECT array_agg(w) AS v FROM words) vocabulary, generate_series(1, n) AS i
$$;
CREATE TABLE scratch_requests (LIKE requests INCLUDING DEFAULTS);
INSERT INTO scratch_requests SELECT * FROM requests ORDER BY id DESC LIMIT 20000;
UPDATE scratch_requests SET subject = left(pg_temp.prose(9), 200), description = left(pg_temp.prose(85), 4000),
    address = 'ул. Абая, дом ' || (id % 200) || ', кв. ' || (id % 90), citizen_email = 'citizen' || id || '@mail.kz',
    citizen_iin = lpad((id % 1000000000000)::text, 12, '0'),
    answer = CASE WHEN answer IS NOT NULL THEN left(pg_temp.prose(110), 8000) END;
VACUUM FULL scratch_requests;
SELECT format('CREATE INDEX ON scratch_requests %s', substring(indexdef FROM ' USING .*$'))
FROM pg_indexes WHERE tablename = 'requests' \gexec
ANALYZE scratch_requests;
SELECT 'requests, realistic text' AS sample, count(*) AS rows,
       round(avg(octet_length(description))) AS description_bytes, round(avg(octet_length(answer))) AS answer_bytes,
       round(pg_relation_size('scratch_requests')::numeric / count(*), 1) AS heap_per_row,
       round((pg_table_size('scratch_requests') - pg_relation_size('scratch_requests'))::numeric / count(*), 1) AS toast_per_row,
       round(pg_indexes_size('scratch_requests')::numeric / count(*), 1) AS indexes_per_row,
       round(pg_total_relation_size('scratch_requests')::numeric / count(*), 1) AS total_per_row
FROM scratch_requests;
DROP TABLE scratch_requests;

CREATE TABLE scratch_history (LIKE request_history INCLUDING DEFAULTS);
INSERT INTO scratch_history SELECT * FROM request_history ORDER BY id DESC LIMIT 60000;
UPDATE scratch_history SET actor = 'operator:' || md5(to_branch)::uuid,
    note = CASE WHEN id % 3 = 0 THEN left(pg_temp.prose(18), 8000) END WHERE actor <> 'citizen';
VACUUM FULL scratch_history;
ALTER TABLE scratch_history ADD PRIMARY KEY (id, at);
CREATE INDEX ON scratch_history (request_id, id);
SELECT 'history, notes and account actors' AS sample, count(*) AS rows,
       round(pg_relation_size('scratch_history')::numeric / count(*), 1) AS heap_per_row,
       round(pg_indexes_size('scratch_history')::numeric / count(*), 1) AS indexes_per_row,
       round(pg_total_relation_size('scratch_history')::numeric / count(*), 1) AS total_per_row
FROM scratch_history;
DROP TABLE scratch_history;
