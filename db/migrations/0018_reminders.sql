CREATE TABLE "reminder_emissions" (
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"period_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reminder_emissions_kind_subject_id_period_key_pk" PRIMARY KEY("kind","subject_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"severity" text PRIMARY KEY NOT NULL,
	"update_interval_minutes" integer,
	"updated_at" timestamp with time zone NOT NULL
);
