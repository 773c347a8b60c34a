-- The old rows are 15-minute counters keyed by a string this migration replaces; dropping them only
-- forgets recent failures, and lets the NOT NULL column be added to a non-empty table.
DELETE FROM "sign_in_attempts";--> statement-breakpoint
DROP INDEX "sign_in_attempts_key_idx";--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "account" text NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "ip" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sign_in_attempts_account_idx" ON "sign_in_attempts" USING btree ("account","ip","at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_ip_idx" ON "sign_in_attempts" USING btree ("ip","at");--> statement-breakpoint
ALTER TABLE "sign_in_attempts" DROP COLUMN "key";