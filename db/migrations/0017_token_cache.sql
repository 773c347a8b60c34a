CREATE TABLE "token_stamp" (
	"id" smallint PRIMARY KEY NOT NULL,
	"tokens_version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "token_stamp" ("id", "tokens_version") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Triggers, not the use cases, move the stamp: a change made by any path (a use case, a script, an
-- operator's SQL, a TRUNCATE) reaches every instance's token cache on its very next request.
CREATE OR REPLACE FUNCTION token_stamp_bump() RETURNS trigger AS $$
BEGIN
  UPDATE token_stamp SET tokens_version = tokens_version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
-- last_used_at is left out: it changes once a minute per token and refuses nothing.
CREATE TRIGGER api_tokens_token_stamp_update AFTER UPDATE OF secret_hash, role, expires_at, revoked_at, created_by ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION token_stamp_bump();--> statement-breakpoint
CREATE TRIGGER api_tokens_token_stamp_delete AFTER DELETE OR TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION token_stamp_bump();--> statement-breakpoint
CREATE TRIGGER users_token_stamp_update AFTER UPDATE OF role, disabled_at ON users FOR EACH STATEMENT EXECUTE FUNCTION token_stamp_bump();--> statement-breakpoint
CREATE TRIGGER users_token_stamp_delete AFTER DELETE OR TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION token_stamp_bump();
