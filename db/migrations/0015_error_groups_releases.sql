CREATE TABLE "error_group_hourly" (
	"group_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "error_group_hourly_group_id_hour_pk" PRIMARY KEY("group_id","hour")
);
--> statement-breakpoint
CREATE TABLE "error_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"title" text NOT NULL,
	"culprit" text,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"count" integer NOT NULL,
	"users_affected" integer DEFAULT 0 NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'unresolved' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" text PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"version" text NOT NULL,
	"commit_sha" text,
	"url" text,
	"deployed_at" timestamp with time zone NOT NULL,
	"deployed_by" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_links" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "error_group_hourly" ADD CONSTRAINT "error_group_hourly_group_id_error_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."error_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_groups" ADD CONSTRAINT "error_groups_service_services_slug_fk" FOREIGN KEY ("service") REFERENCES "public"."services"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_groups" ADD CONSTRAINT "error_groups_environment_environments_slug_fk" FOREIGN KEY ("environment") REFERENCES "public"."environments"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_service_services_slug_fk" FOREIGN KEY ("service") REFERENCES "public"."services"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_environment_environments_slug_fk" FOREIGN KEY ("environment") REFERENCES "public"."environments"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "error_groups_fingerprint_key" ON "error_groups" USING btree ("service","environment","fingerprint");--> statement-breakpoint
CREATE INDEX "error_groups_last_seen_idx" ON "error_groups" USING btree ("last_seen","id");--> statement-breakpoint
CREATE INDEX "error_groups_first_seen_idx" ON "error_groups" USING btree ("service","environment","first_seen");--> statement-breakpoint
CREATE UNIQUE INDEX "releases_version_key" ON "releases" USING btree ("service","environment","version");--> statement-breakpoint
CREATE INDEX "releases_deployed_idx" ON "releases" USING btree ("service","environment","deployed_at");--> statement-breakpoint
CREATE INDEX "releases_deployed_at_idx" ON "releases" USING btree ("deployed_at","id");