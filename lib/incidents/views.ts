import { z } from "zod";
import { IMPACT_START_SOURCES, StatusSchema, SeveritySchema } from "./schemas";

// What the API answers with. The TypeScript types are inferred from these, and /api/openapi.json is
// generated from them, so the documentation cannot drift from the code.

const date = z.date();
const PersonView = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const LinkView = z.object({
  id: z.number().int(),
  type: z.string(),
  targetId: z.string(),
  createdBy: z.string(),
  createdAt: date,
  role: z
    .enum(["suspected_cause", "fix"])
    .nullable()
    .meta({ description: "A linked release judged the suspected cause or the fix; null otherwise." }),
});

export const IncidentView = z.object({
  id: z.string().meta({ example: "INC-2026-0042" }),
  title: z.string(),
  description: z.string(),
  severity: SeveritySchema,
  status: StatusSchema,
  environment: z.string(),
  services: z.array(z.string()),
  commanderId: z.string().nullable(),
  technicalLeadId: z.string().nullable(),
  communicatorId: z.string().nullable(),
  commander: PersonView.nullable(),
  technicalLead: PersonView.nullable(),
  communicator: PersonView.nullable(),
  declaredBy: z.string().meta({ description: "The principal that declared it (user name or token:<name>)." }),
  source: z.string(),
  sourceLabel: z
    .string()
    .nullable()
    .meta({ description: "The declaredBy label the client sent, e.g. 'api'." }),
  impactStartedAt: date,
  impactStartSource: z.enum(IMPACT_START_SOURCES).meta({
    description:
      "reported by a person, declared_default (unknown: the declaration time stands in) or alert (measured: the first breach of a linked alert).",
  }),
  impactStartKnown: z.boolean().meta({
    description:
      "false when no impact start was reported and impactStartedAt is the declaration time standing in; MTTD counts only known starts.",
  }),
  createdAt: date,
  investigatingAt: date.nullable(),
  mitigatedAt: date.nullable(),
  resolvedAt: date.nullable(),
  mitigationSummary: z.string().nullable(),
  resolutionSummary: z.string().nullable(),
  durationSeconds: z.number().int().nullable(),
  reopenCount: z.number().int(),
  version: z.number().int(),
  updatedAt: date,
  links: z.array(LinkView),
});

export const IncidentListItem = z.object({
  id: z.string(),
  title: z.string(),
  severity: SeveritySchema,
  status: StatusSchema,
  environment: z.string(),
  services: z.array(z.string()),
  commander: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: date,
  resolvedAt: date.nullable(),
  durationSeconds: z.number().int().nullable(),
  investigatingAt: date.nullable(),
  lastManualUpdateAt: date.nullable().meta({
    description:
      "The last update, action or resolution message: what the update-overdue reminder measures from (null: none yet).",
  }),
  lastUpdate: z
    .object({
      at: date,
      kind: z.string(),
      actor: z.string(),
      message: z.string().nullable(),
      summary: z.string().meta({
        description: "One line: a manual update's first line or the automatic entry as a sentence.",
      }),
    })
    .nullable(),
});

export const IncidentPage = z.object({ items: z.array(IncidentListItem), nextCursor: z.string().nullable() });

export const TimelineEntryView = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  kind: z.string(),
  actor: z.string(),
  message: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: date,
});

export type IncidentView = z.infer<typeof IncidentView>;
export type LinkView = z.infer<typeof LinkView>;
export type IncidentListItem = z.infer<typeof IncidentListItem>;
export type TimelineEntryView = z.infer<typeof TimelineEntryView>;
