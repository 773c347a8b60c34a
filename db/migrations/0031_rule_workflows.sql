DROP INDEX "workflows_name_key";--> statement-breakpoint
ALTER TABLE "workflows" ADD COLUMN "alert_rule_id" text;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_alert_rule_id_alert_rules_id_fk" FOREIGN KEY ("alert_rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflows_alert_rule_key" ON "workflows" USING btree ("alert_rule_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflows_name_key" ON "workflows" USING btree ("name") WHERE "workflows"."alert_rule_id" is null;--> statement-breakpoint
-- An alert rule's auto-create becomes the workflow it owns (decision 0105): existing rules get theirs.
INSERT INTO "workflows" ("id", "name", "trigger", "condition", "actions", "enabled", "created_by", "created_at", "updated_at", "alert_rule_id")
SELECT 'wf_' || gen_random_uuid(), 'Alert rule: ' || r."name", 'alert_fired',
  'source = rule AND labels.rule = "' || r."id" || '"',
  jsonb_build_array(jsonb_build_object('type', 'create_incident', 'severity', r."incident_severity")),
  true, 'alert-rule', now(), now(), r."id"
FROM "alert_rules" r
WHERE r."auto_create_incident" AND r."incident_severity" IS NOT NULL;
