CREATE TABLE "status_page_subscribers" (
	"id" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"email" text NOT NULL,
	"component_ids" jsonb,
	"status" text NOT NULL,
	"confirm_token_hash" text,
	"confirm_expires_at" timestamp with time zone,
	"confirm_sent_at" timestamp with time zone,
	"unsubscribe_token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "status_subscribe_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"email" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "status_page_subscribers" ADD CONSTRAINT "status_page_subscribers_page_id_status_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."status_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "status_page_subscribers_page_email" ON "status_page_subscribers" USING btree ("page_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "status_page_subscribers_confirm" ON "status_page_subscribers" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "status_page_subscribers_unsubscribe" ON "status_page_subscribers" USING btree ("unsubscribe_token_hash");--> statement-breakpoint
CREATE INDEX "status_subscribe_attempts_ip" ON "status_subscribe_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "status_subscribe_attempts_email" ON "status_subscribe_attempts" USING btree ("email","at");