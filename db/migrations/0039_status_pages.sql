CREATE TABLE "component_impacts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" text NOT NULL,
	"public_incident_id" text,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "public_incident_components" (
	"public_incident_id" text NOT NULL,
	"component_id" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "public_incident_components_public_incident_id_component_id_pk" PRIMARY KEY("public_incident_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "public_incident_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"public_incident_id" text NOT NULL,
	"phase" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"component_statuses" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"incident_id" text,
	"title" text NOT NULL,
	"phase" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_page_component_services" (
	"component_id" text NOT NULL,
	"service_slug" text NOT NULL,
	CONSTRAINT "status_page_component_services_component_id_service_slug_pk" PRIMARY KEY("component_id","service_slug")
);
--> statement-breakpoint
CREATE TABLE "status_page_components" (
	"id" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"group_id" text,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'operational' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_page_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_page_snapshots" (
	"page_id" text PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"body" jsonb NOT NULL,
	"built_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_pages" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"logo_url" text,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_pages_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "component_impacts" ADD CONSTRAINT "component_impacts_component_id_status_page_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_page_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component_impacts" ADD CONSTRAINT "component_impacts_public_incident_id_public_incidents_id_fk" FOREIGN KEY ("public_incident_id") REFERENCES "public"."public_incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_incident_components" ADD CONSTRAINT "public_incident_components_public_incident_id_public_incidents_id_fk" FOREIGN KEY ("public_incident_id") REFERENCES "public"."public_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_incident_components" ADD CONSTRAINT "public_incident_components_component_id_status_page_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_page_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_incident_updates" ADD CONSTRAINT "public_incident_updates_public_incident_id_public_incidents_id_fk" FOREIGN KEY ("public_incident_id") REFERENCES "public"."public_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_incidents" ADD CONSTRAINT "public_incidents_page_id_status_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."status_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_incidents" ADD CONSTRAINT "public_incidents_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_page_component_services" ADD CONSTRAINT "status_page_component_services_component_id_status_page_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_page_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_page_component_services" ADD CONSTRAINT "status_page_component_services_service_slug_services_slug_fk" FOREIGN KEY ("service_slug") REFERENCES "public"."services"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_page_components" ADD CONSTRAINT "status_page_components_page_id_status_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."status_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_page_components" ADD CONSTRAINT "status_page_components_group_id_status_page_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."status_page_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_page_groups" ADD CONSTRAINT "status_page_groups_page_id_status_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."status_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_page_snapshots" ADD CONSTRAINT "status_page_snapshots_page_id_status_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."status_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "component_impacts_component_idx" ON "component_impacts" USING btree ("component_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "component_impacts_one_open" ON "component_impacts" USING btree ("component_id") WHERE "component_impacts"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "public_incident_updates_incident_idx" ON "public_incident_updates" USING btree ("public_incident_id","created_at");--> statement-breakpoint
CREATE INDEX "public_incidents_page_idx" ON "public_incidents" USING btree ("page_id","created_at");--> statement-breakpoint
CREATE INDEX "public_incidents_incident_idx" ON "public_incidents" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "status_page_components_page_idx" ON "status_page_components" USING btree ("page_id","position");--> statement-breakpoint
CREATE INDEX "status_page_groups_page_idx" ON "status_page_groups" USING btree ("page_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "status_pages_one_default" ON "status_pages" USING btree ("is_default") WHERE "status_pages"."is_default";