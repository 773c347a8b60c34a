-- Dedup keys are scoped (lib/alerts/dedup-scope.ts): by source, and for PagerDuty / Alertmanager by the
-- sending token. Which token sent an existing row was never recorded, so existing rows get the bare source
-- as their scope; the first sender to act on one that is still firing takes it over (adoptUnscopedKey).
-- Rows of one key in one source were already unique while firing, so the new unique index holds.
ALTER TABLE "alerts" ADD COLUMN "dedup_scope" text;--> statement-breakpoint
UPDATE "alerts" SET "dedup_scope" = "source";--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "dedup_scope" SET NOT NULL;--> statement-breakpoint
DROP INDEX "alerts_firing_dedup_key";--> statement-breakpoint
DROP INDEX "alerts_dedup_key_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_firing_dedup_key" ON "alerts" USING btree ("dedup_scope","dedup_key") WHERE status = 'firing';--> statement-breakpoint
CREATE INDEX "alerts_dedup_key_idx" ON "alerts" USING btree ("dedup_scope","dedup_key","starts_at");
