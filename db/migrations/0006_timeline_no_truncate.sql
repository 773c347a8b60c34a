-- TRUNCATE skips row triggers, so the append-only rule of 0001 needs a statement trigger too. This
-- guards against accidents (a cleanup script, a TRUNCATE … CASCADE from a parent table); the
-- privileges in docs/operations.md are what stop a hostile application role. Only a session that says
-- so on purpose (SET app.allow_timeline_truncate = 'on', which only the test harness does) may empty it.
CREATE OR REPLACE FUNCTION timeline_entries_no_truncate() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('app.allow_timeline_truncate', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'timeline entries are append-only (TRUNCATE refused)' USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER timeline_entries_no_truncate
  BEFORE TRUNCATE ON timeline_entries
  FOR EACH STATEMENT EXECUTE FUNCTION timeline_entries_no_truncate();
