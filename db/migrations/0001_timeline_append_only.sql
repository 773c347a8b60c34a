-- The timeline is the record of what happened: rows may be added, never changed or removed.
CREATE OR REPLACE FUNCTION timeline_entries_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'timeline entries are append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER timeline_entries_no_update_delete
  BEFORE UPDATE OR DELETE ON timeline_entries
  FOR EACH ROW EXECUTE FUNCTION timeline_entries_append_only();
--> statement-breakpoint
INSERT INTO environments (slug, name) VALUES
  ('production', 'Production'),
  ('staging', 'Staging'),
  ('development', 'Development')
ON CONFLICT (slug) DO NOTHING;
