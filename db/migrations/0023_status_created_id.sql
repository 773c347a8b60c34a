DROP INDEX "incidents_status_created_idx";--> statement-breakpoint
CREATE INDEX "incidents_status_created_idx" ON "incidents" USING btree ("status","created_at","id");