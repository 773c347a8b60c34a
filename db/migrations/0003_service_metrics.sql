CREATE TABLE "service_metrics" (
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"error_rate" double precision NOT NULL,
	"latency_p95_ms" double precision NOT NULL,
	"request_rate" double precision NOT NULL,
	CONSTRAINT "service_metrics_service_environment_ts_pk" PRIMARY KEY("service","environment","ts")
);
--> statement-breakpoint
ALTER TABLE "service_metrics" ADD CONSTRAINT "service_metrics_service_services_slug_fk" FOREIGN KEY ("service") REFERENCES "public"."services"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_metrics" ADD CONSTRAINT "service_metrics_environment_environments_slug_fk" FOREIGN KEY ("environment") REFERENCES "public"."environments"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_metrics_ts_idx" ON "service_metrics" USING btree ("ts");