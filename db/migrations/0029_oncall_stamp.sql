CREATE TABLE "oncall_stamp" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Starts from the clock, not 0: a process that cached states of a database since recreated (a restore,
-- a test reset) does not find the same version there.
INSERT INTO "oncall_stamp" ("id", "version") VALUES (1, (extract(epoch from clock_timestamp()) * 1000)::bigint) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Triggers, not the use cases, move the stamp: a change made by any path (a use case, a script, an
-- operator's SQL, a TRUNCATE) reaches every instance's cached on-call states on its next declaration.
CREATE OR REPLACE FUNCTION oncall_stamp_bump() RETURNS trigger AS $$
BEGIN
  UPDATE oncall_stamp SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER service_oncall_oncall_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_oncall FOR EACH STATEMENT EXECUTE FUNCTION oncall_stamp_bump();--> statement-breakpoint
CREATE TRIGGER oncall_rotation_members_oncall_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oncall_rotation_members FOR EACH STATEMENT EXECUTE FUNCTION oncall_stamp_bump();--> statement-breakpoint
CREATE TRIGGER oncall_overrides_oncall_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oncall_overrides FOR EACH STATEMENT EXECUTE FUNCTION oncall_stamp_bump();--> statement-breakpoint
CREATE TRIGGER users_oncall_stamp_update AFTER UPDATE OF name, role, disabled_at ON users FOR EACH STATEMENT EXECUTE FUNCTION oncall_stamp_bump();--> statement-breakpoint
CREATE TRIGGER users_oncall_stamp_delete AFTER DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION oncall_stamp_bump();--> statement-breakpoint
-- For a declaration that used on-call states from its process's cache: it fails, and so writes nothing,
-- when the stamp no longer reads the version they were read at. The declaration then reads them again
-- and runs once more. NULL: states read by this declaration, nothing to check.
CREATE OR REPLACE FUNCTION assert_oncall_stamp(expected bigint) RETURNS boolean AS $$
BEGIN
  IF expected IS NOT NULL AND expected IS DISTINCT FROM (SELECT version FROM oncall_stamp WHERE id = 1) THEN
    RAISE EXCEPTION 'the on-call schedule changed after it was read' USING ERRCODE = 'IMT02';
  END IF;
  RETURN true;
END;
$$ LANGUAGE plpgsql STABLE;
