CREATE TABLE "contact_methods" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"label" text NOT NULL,
	"address" text NOT NULL,
	"secret" text,
	"verified_at" timestamp with time zone,
	"verification_code_hash" text,
	"verification_expires_at" timestamp with time zone,
	"verification_attempts" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contact_methods_type" CHECK ("contact_methods"."type" in ('email', 'slack', 'mattermost', 'teams', 'discord', 'webhook'))
);
--> statement-breakpoint
CREATE TABLE "escalation_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"repeat" smallint DEFAULT 0 NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "escalation_policies_repeat" CHECK ("escalation_policies"."repeat" between 0 and 9)
);
--> statement-breakpoint
CREATE TABLE "escalation_steps" (
	"policy_id" text NOT NULL,
	"position" smallint NOT NULL,
	"delay_minutes" integer NOT NULL,
	"targets" jsonb NOT NULL,
	CONSTRAINT "escalation_steps_policy_id_position_pk" PRIMARY KEY("policy_id","position"),
	CONSTRAINT "escalation_steps_delay" CHECK ("escalation_steps"."delay_minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "notification_rules" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"urgency" text NOT NULL,
	"contact_method_id" text NOT NULL,
	"delay_minutes" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_rules_urgency" CHECK ("notification_rules"."urgency" in ('high', 'low')),
	CONSTRAINT "notification_rules_delay" CHECK ("notification_rules"."delay_minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "page_action_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"user_id" text NOT NULL,
	"action" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "page_action_links_action" CHECK ("page_action_links"."action" in ('acknowledge', 'resolve'))
);
--> statement-breakpoint
CREATE TABLE "page_assignments" (
	"page_id" text NOT NULL,
	"user_id" text NOT NULL,
	"step" smallint NOT NULL,
	"pass" smallint NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "page_assignments_page_id_user_id_step_pass_pk" PRIMARY KEY("page_id","user_id","step","pass")
);
--> statement-breakpoint
CREATE TABLE "page_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"page_id" text NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "page_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"page_id" text NOT NULL,
	"user_id" text NOT NULL,
	"contact_method_id" text,
	"method" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pages" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text,
	"alert_id" text,
	"service" text,
	"policy_id" text,
	"title" text NOT NULL,
	"urgency" text NOT NULL,
	"state" text DEFAULT 'triggered' NOT NULL,
	"step" smallint DEFAULT 0 NOT NULL,
	"pass" smallint DEFAULT 0 NOT NULL,
	"next_escalation_at" timestamp with time zone,
	"ack_timeout_minutes" integer,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pages_state" CHECK ("pages"."state" in ('triggered', 'acknowledged', 'resolved')),
	CONSTRAINT "pages_urgency" CHECK ("pages"."urgency" in ('high', 'low')),
	CONSTRAINT "pages_subject" CHECK ("pages"."incident_id" is not null or "pages"."alert_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "service_paging" (
	"service_slug" text PRIMARY KEY NOT NULL,
	"policy_id" text,
	"high_urgency_severities" text[] DEFAULT '{SEV1,SEV2}'::text[] NOT NULL,
	"low_urgency_business_hours_only" boolean DEFAULT false NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"business_hours_start" smallint DEFAULT 9 NOT NULL,
	"business_hours_end" smallint DEFAULT 17 NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_methods" ADD CONSTRAINT "contact_methods_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_steps" ADD CONSTRAINT "escalation_steps_policy_id_escalation_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."escalation_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_contact_method_id_contact_methods_id_fk" FOREIGN KEY ("contact_method_id") REFERENCES "public"."contact_methods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_action_links" ADD CONSTRAINT "page_action_links_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_action_links" ADD CONSTRAINT "page_action_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_assignments" ADD CONSTRAINT "page_assignments_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_assignments" ADD CONSTRAINT "page_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_log" ADD CONSTRAINT "page_log_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_notifications" ADD CONSTRAINT "page_notifications_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_notifications" ADD CONSTRAINT "page_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_notifications" ADD CONSTRAINT "page_notifications_contact_method_id_contact_methods_id_fk" FOREIGN KEY ("contact_method_id") REFERENCES "public"."contact_methods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_policy_id_escalation_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."escalation_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_paging" ADD CONSTRAINT "service_paging_service_slug_services_slug_fk" FOREIGN KEY ("service_slug") REFERENCES "public"."services"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_paging" ADD CONSTRAINT "service_paging_policy_id_escalation_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."escalation_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_methods_user_address_key" ON "contact_methods" USING btree ("user_id","type","address");--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_policies_name_key" ON "escalation_policies" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_policies_default_key" ON "escalation_policies" USING btree ("is_default") WHERE "escalation_policies"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "notification_rules_key" ON "notification_rules" USING btree ("user_id","urgency","contact_method_id","delay_minutes");--> statement-breakpoint
CREATE INDEX "page_action_links_page_idx" ON "page_action_links" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "page_assignments_user_idx" ON "page_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "page_log_page_idx" ON "page_log" USING btree ("page_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "page_notifications_key" ON "page_notifications" USING btree ("key");--> statement-breakpoint
CREATE INDEX "page_notifications_page_idx" ON "page_notifications" USING btree ("page_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "pages_open_incident_key" ON "pages" USING btree ("incident_id") WHERE "pages"."state" <> 'resolved' and "pages"."incident_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "pages_open_alert_key" ON "pages" USING btree ("alert_id") WHERE "pages"."state" <> 'resolved' and "pages"."alert_id" is not null and "pages"."incident_id" is null;--> statement-breakpoint
CREATE INDEX "pages_state_idx" ON "pages" USING btree ("state","created_at");