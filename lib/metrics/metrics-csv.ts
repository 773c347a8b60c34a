import { z } from "zod";
import { type CsvColumn, toCsv } from "@/lib/csv/to-csv";
import { parseInput } from "@/lib/validation";
import { SEVERITIES } from "@/lib/incidents/severity";
import { type IncidentMetrics, METRIC_LABELS, type MetricKey, type TimeMetric } from "./get-incident-metrics";

/** Which of the metrics page's tables the CSV holds. */
export const MetricsTableInput = z.enum(["times", "frequency", "services"]).default("times");

type TimeRow = TimeMetric & { key: MetricKey };
const TIME_COLUMNS: CsvColumn<TimeRow>[] = [
  { header: "metric", value: (row) => row.key },
  { header: "measures", value: (row) => METRIC_LABELS[row.key] },
  { header: "incidents", value: (row) => row.count },
  { header: "mean_seconds", value: (row) => row.mean },
  { header: "p50_seconds", value: (row) => row.p50 },
  { header: "p90_seconds", value: (row) => row.p90 },
  { header: "previous_incidents", value: (row) => row.previous.count },
  { header: "previous_mean_seconds", value: (row) => row.previous.mean },
  { header: "previous_p50_seconds", value: (row) => row.previous.p50 },
  { header: "mean_change", value: (row) => row.change.mean },
];

type Bucket = IncidentMetrics["frequency"]["buckets"][number];
const FREQUENCY_COLUMNS: CsvColumn<Bucket>[] = [
  { header: "period_start", value: (row) => row.start },
  { header: "total", value: (row) => row.total },
  ...SEVERITIES.map((severity) => ({ header: severity, value: (row: Bucket) => row[severity] })),
];

type ServiceRow = IncidentMetrics["topServices"][number];
const SERVICE_COLUMNS: CsvColumn<ServiceRow>[] = [
  { header: "service", value: (row) => row.service },
  { header: "incidents", value: (row) => row.incidents },
  { header: "incident_minutes", value: (row) => row.minutes },
];

/** One table of the metrics report as CSV, with the figures the JSON answer has (seconds, not "2h 5m"). */
export function metricsCsv(metrics: IncidentMetrics, rawTable: unknown): { table: string; text: string } {
  const table = parseInput(z.object({ table: MetricsTableInput }), { table: rawTable }).table;
  if (table === "frequency") return { table, text: toCsv(FREQUENCY_COLUMNS, metrics.frequency.buckets) };
  if (table === "services") return { table, text: toCsv(SERVICE_COLUMNS, metrics.topServices) };
  const rows = (Object.keys(metrics.times) as MetricKey[]).map((key) => ({ ...metrics.times[key], key }));
  return { table, text: toCsv(TIME_COLUMNS, rows) };
}
