CREATE TABLE "oncall_overrides" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"service_slug" text NOT NULL,
	"user_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oncall_rotation_members" (
	"service_slug" text NOT NULL,
	"position" integer NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "oncall_rotation_members_service_slug_position_pk" PRIMARY KEY("service_slug","position")
);
--> statement-breakpoint
CREATE TABLE "service_oncall" (
	"service_slug" text PRIMARY KEY NOT NULL,
	"handoff_hours" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "services" DROP CONSTRAINT "services_on_call_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "oncall_overrides" ADD CONSTRAINT "oncall_overrides_service_slug_services_slug_fk" FOREIGN KEY ("service_slug") REFERENCES "public"."services"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_overrides" ADD CONSTRAINT "oncall_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_overrides" ADD CONSTRAINT "oncall_overrides_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_rotation_members" ADD CONSTRAINT "oncall_rotation_members_service_slug_service_oncall_service_slug_fk" FOREIGN KEY ("service_slug") REFERENCES "public"."service_oncall"("service_slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oncall_rotation_members" ADD CONSTRAINT "oncall_rotation_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_oncall" ADD CONSTRAINT "service_oncall_service_slug_services_slug_fk" FOREIGN KEY ("service_slug") REFERENCES "public"."services"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oncall_overrides_service_ends_idx" ON "oncall_overrides" USING btree ("service_slug","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "oncall_rotation_members_user_key" ON "oncall_rotation_members" USING btree ("service_slug","user_id");--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "on_call_user_id";