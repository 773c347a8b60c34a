DROP INDEX "incidents_created_idx";--> statement-breakpoint
DROP INDEX "incidents_status_created_idx";--> statement-breakpoint
DROP INDEX "incidents_severity_created_idx";--> statement-breakpoint
DROP INDEX "incidents_environment_created_idx";--> statement-breakpoint
CREATE INDEX "incidents_created_idx" ON "incidents" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "incidents_status_created_idx" ON "incidents" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "incidents_severity_created_idx" ON "incidents" USING btree ("severity","created_at");--> statement-breakpoint
CREATE INDEX "incidents_environment_created_idx" ON "incidents" USING btree ("environment","created_at");