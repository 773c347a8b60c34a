// Every module that defines jobs, event consumers or maintenance tasks, loaded before workers start.
// A feature adds one line here for its own handler module (e.g. "@/lib/alerts/evaluate-rules-job").
import "@/lib/events/dispatch-events";
import "@/lib/events/purge-events";
import "@/lib/jobs/maintenance";
import "@/lib/auth/maintenance";
import "@/lib/telemetry/purge-expired-metrics";
import "@/lib/http/idempotency-maintenance";
import "@/lib/alerts/evaluate-rules-job";
import "@/lib/workflows/workflows-consumer";
import "@/lib/reminders/reminders-job";
import "@/lib/webhooks/fanout-consumer";
import "@/lib/webhooks/deliver-job";
import "@/lib/webhooks/purge-old-deliveries";
import "@/lib/audit/purge-audit-events";
