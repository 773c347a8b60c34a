ALTER TABLE "incident_services" ADD COLUMN "incident_created_at" timestamp with time zone;--> statement-breakpoint
UPDATE "incident_services" s SET "incident_created_at" = i."created_at" FROM "incidents" i WHERE i."id" = s."incident_id";--> statement-breakpoint
ALTER TABLE "incident_services" ALTER COLUMN "incident_created_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "incident_services_service_created_idx" ON "incident_services" USING btree ("service_slug","incident_created_at","incident_id");
