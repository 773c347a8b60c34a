CREATE TABLE "status_webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"subscriber_id" text NOT NULL,
	"dedup_key" text NOT NULL,
	"update_id" text,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_webhook_subscribers" (
	"id" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"type" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"component_ids" jsonb,
	"status" text NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "status_webhook_deliveries" ADD CONSTRAINT "status_webhook_deliveries_subscriber_id_status_webhook_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."status_webhook_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_webhook_subscribers" ADD CONSTRAINT "status_webhook_subscribers_page_id_status_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."status_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "status_webhook_deliveries_key" ON "status_webhook_deliveries" USING btree ("subscriber_id","dedup_key");--> statement-breakpoint
CREATE INDEX "status_webhook_deliveries_update" ON "status_webhook_deliveries" USING btree ("update_id");--> statement-breakpoint
CREATE UNIQUE INDEX "status_webhook_subscribers_page_url" ON "status_webhook_subscribers" USING btree ("page_id","url");--> statement-breakpoint
CREATE UNIQUE INDEX "status_webhook_subscribers_confirm" ON "status_webhook_subscribers" USING btree ("confirm_token_hash");