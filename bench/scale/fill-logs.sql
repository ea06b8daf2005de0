-- Fills the tables that bench/generate-data.sh leaves empty, with rows shaped as the service
-- writes them, so that docs/SCALING.md can measure their bytes per row:
-- - personal_data_access: one staff opening per staff act in the history (the act answers
--   the staff view, casework/CaseworkService.disclose) and one reading per request the day
--   after its receipt; actors named as the service names them ("operator:" + a UUID subject);
-- - notification_outbox, idempotency_keys, rate_limit_counters: for the requests of the last
--   90 days only (enough rows to measure; rows per request are set in docs/SCALING.md).
--   Outbox texts are Russian, of the length of templates/notifications/ru.txt rendered.
-- Run after bench/generate-data.sh:  psql -d citizen_bench -f bench/scale/fill-logs.sql
\timing on
SET synchronous_commit = off;

\echo '-- personal_data_access'
INSERT INTO personal_data_access (at, actor, role, branch_code, request_id, tracking_number)
SELECT h.at, 'operator:' || md5(h.to_branch)::uuid, 'operator', h.to_branch, r.id, r.tracking_number
FROM request_history h JOIN requests r ON r.id = h.request_id
WHERE h.actor = 'staff'
UNION ALL
SELECT r.received_at + interval '1 day', 'operator:' || md5(r.branch_code)::uuid, 'operator', r.branch_code, r.id,
       r.tracking_number
FROM requests r
ORDER BY 1;

\echo '-- notification_outbox: an SMS for every public act of the last 90 days, an e-mail for 30 % of them'
INSERT INTO notification_outbox (history_id, request_id, tracking_number, channel, recipient, language, action,
    subject, body, status, attempts, next_attempt_at, created_at, sent_at)
SELECT h.id, r.id, r.tracking_number, c.channel,
       CASE c.channel WHEN 'sms' THEN '+7 700 000 0000' ELSE 'citizen' || r.id || '@example.kz' END,
       'ru', h.action,
       'Обращение № ' || r.tracking_number || ' принято',
       CASE c.channel
           WHEN 'sms' THEN 'Обращение ' || r.tracking_number || ' принято, ответ до ' || r.due_date || '. Код для проверки статуса на портале.'
           ELSE 'Уважаемый заявитель!' || E'\n\n' || 'Ваше обращение № ' || r.tracking_number
                || ' принято. Его рассмотрит региональный филиал, ответ будет дан не позднее ' || r.due_date
                || '.' || E'\n\n' || 'Следить за обращением можно на портале по номеру и коду доступа, полученному при подаче. '
                || 'Это письмо отправлено автоматически, отвечать на него не нужно.' || E'\n\n' || 'С уважением, служба обращений граждан'
       END,
       'sent', 1, h.at, h.at, h.at + interval '5 seconds'
FROM request_history h
JOIN requests r ON r.id = h.request_id
CROSS JOIN LATERAL (VALUES ('sms', true), ('email', r.id % 10 < 3)) AS c(channel, wanted)
WHERE c.wanted AND h.public AND r.received_at >= now() - interval '90 days';

\echo '-- idempotency_keys: one per submission of the last 90 days (clients send a UUID)'
INSERT INTO idempotency_keys (idempotency_key, body_hash, request_id, response, created_at)
SELECT md5(r.tracking_number)::uuid::text, encode(sha256(convert_to(r.tracking_number, 'UTF8')), 'hex'), r.id,
       jsonb_build_object('trackingNumber', r.tracking_number, 'status', 'SUBMITTED',
                          'branch', jsonb_build_object('code', r.branch_code, 'name', 'Региональный филиал партии'),
                          'dueDate', r.statutory_due_date, 'receivedAt', r.received_at),
       r.received_at
FROM requests r WHERE r.received_at >= now() - interval '90 days';

\echo '-- rate_limit_counters: two buckets (address, citizen) per submission of the last 90 days'
INSERT INTO rate_limit_counters (bucket, window_start, hits)
SELECT b.bucket, date_trunc('day', r.received_at AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty', 1
FROM requests r
CROSS JOIN LATERAL (VALUES ('address:' || left(md5('a' || r.id), 40)), ('citizen:' || left(md5('c' || r.id), 40))) AS b(bucket)
WHERE r.received_at >= now() - interval '90 days'
ON CONFLICT DO NOTHING;

VACUUM (ANALYZE) personal_data_access;
VACUUM (ANALYZE) notification_outbox;
VACUUM (ANALYZE) idempotency_keys;
VACUUM (ANALYZE) rate_limit_counters;
