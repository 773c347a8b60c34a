-- The declare transaction alone, as pgbench runs it (bench/declare.ts): the same writes the app
-- makes for one declaration of one service, without the app. Year 2100 keeps its IDs apart from
-- the app's. pgbench sends each line as one statement: 7 per transaction.
BEGIN;
INSERT INTO incident_counters (year, last) VALUES (2100, 1) ON CONFLICT (year) DO UPDATE SET last = incident_counters.last + 1 RETURNING last \gset
INSERT INTO services (slug, name) VALUES ('checkout-api', 'Checkout Api') ON CONFLICT DO NOTHING;
INSERT INTO incidents (id, year, seq, title, description, severity, status, environment, declared_by, source, impact_started_at, impact_start_source, created_at, updated_at) VALUES ('INC-2100-' || (CASE WHEN :last < 10000 THEN lpad(:last::text, 4, '0') ELSE :last::text END), 2100, :last, 'Checkout failing', '', 'SEV2', 'declared', 'production', 'token:bench', 'api', now(), 'declared_default', now(), now());
INSERT INTO incident_services (incident_id, service_slug, incident_created_at) VALUES ('INC-2100-' || (CASE WHEN :last < 10000 THEN lpad(:last::text, 4, '0') ELSE :last::text END), 'checkout-api', now());
INSERT INTO timeline_entries (incident_id, kind, actor, data, created_at) VALUES ('INC-2100-' || (CASE WHEN :last < 10000 THEN lpad(:last::text, 4, '0') ELSE :last::text END), 'declared', 'token:bench', '{"severity":"SEV2","services":["checkout-api"],"environment":"production","title":"Checkout failing"}', now());
COMMIT;
