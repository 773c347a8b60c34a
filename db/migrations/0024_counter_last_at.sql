ALTER TABLE "incident_counters" ADD COLUMN "last_at" timestamp with time zone;--> statement-breakpoint
UPDATE "incident_counters" c SET "last_at" = (SELECT max(i."created_at") FROM "incidents" i WHERE i."year" = c."year");
