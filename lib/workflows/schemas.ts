import { z } from "zod";
import { SeveritySchema } from "@/lib/incidents/schemas";
import { StepTargetInput } from "@/lib/paging/schemas";

// Shared by the JSON API, the /workflows forms and /api/openapi.json. No database imports: the
// editor reads the trigger and action lists from here.

export const TRIGGERS = [
  "alert_fired",
  "alert_resolved",
  "error_group_created",
  "incident_declared",
  "incident_status_changed",
] as const;
export const TriggerSchema = z.enum(TRIGGERS);
export type Trigger = z.infer<typeof TriggerSchema>;
export const INCIDENT_TRIGGERS: readonly Trigger[] = ["incident_declared", "incident_status_changed"];

export const ACTION_TYPES = [
  "create_incident",
  "link_to_open_incident",
  "assign_commander",
  "post_timeline_update",
  "notify",
  "page",
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

const ACTION_HINT = `Use one of ${ACTION_TYPES.join(", ")}.`;

export const WorkflowActionInput = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("create_incident"),
      severity: SeveritySchema,
      title: z
        .string()
        .trim()
        .min(3, "At least 3 characters.")
        .max(200, "At most 200 characters.")
        .optional(),
    }),
    z.strictObject({ type: z.literal("link_to_open_incident") }),
    z.strictObject({
      type: z.literal("assign_commander"),
      userId: z.string().trim().min(1, 'Give a user id or "on-call".').max(100),
    }),
    z.strictObject({
      type: z.literal("post_timeline_update"),
      message: z.string().trim().min(1, "Write a message.").max(5000, "At most 5000 characters."),
    }),
    // Sends the incident to one webhook subscription (Settings → Webhooks), through the delivery job.
    z.strictObject({
      type: z.literal("notify"),
      webhookId: z
        .string()
        .trim()
        .min(1, "Choose a webhook subscription.")
        .max(64, "Not a webhook subscription id."),
    }),
    // Pages people until someone acknowledges: a policy, a service's on-call or a person (lib/paging).
    z.strictObject({ type: z.literal("page"), target: StepTargetInput }),
  ],
  { error: ACTION_HINT },
);
export type WorkflowAction = z.infer<typeof WorkflowActionInput>;

const name = z.string().trim().min(3, "At least 3 characters.").max(100, "At most 100 characters.");
// Checked by the parser in the use case (compileCondition), which names the position of an error.
const condition = z.string().max(2000, "At most 2000 characters.");
const actions = z
  .array(WorkflowActionInput)
  .min(1, "Add at least one action.")
  .max(10, "At most 10 actions.");

export const CreateWorkflowInput = z.strictObject({
  name,
  trigger: TriggerSchema,
  condition: condition.default(""),
  actions,
  enabled: z.boolean().default(true),
});
export type CreateWorkflowInput = z.infer<typeof CreateWorkflowInput>;

export const UpdateWorkflowInput = z.strictObject({
  name: name.optional(),
  trigger: TriggerSchema.optional(),
  condition: condition.optional(),
  actions: actions.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWorkflowInput = z.infer<typeof UpdateWorkflowInput>;

export const PreviewWorkflowInput = z.strictObject({ trigger: TriggerSchema, condition });
export type PreviewWorkflowInput = z.infer<typeof PreviewWorkflowInput>;

const fieldValue = z
  .union([z.string().max(500), z.array(z.string().max(500)).max(50)])
  .nullable()
  .optional();

/** What happened, as a workflow sees it; `id` is the stable event key (a replay carries the same one). */
export const WorkflowEvent = z.strictObject({
  id: z.string().min(1).max(300),
  trigger: TriggerSchema,
  subject: z.strictObject({
    severity: fieldValue,
    service: fieldValue,
    environment: fieldValue,
    source: fieldValue,
    title: fieldValue,
    labels: z.record(z.string().max(200), z.string().max(1000)).optional(),
    dedupKey: z.string().max(300).nullable().optional(),
    alertId: z.string().max(200).nullable().optional(),
    errorGroupId: z.string().max(200).nullable().optional(),
    incidentId: z.string().max(64).nullable().optional(),
    startedAt: z.string().max(40).nullable().optional(),
  }),
});
export type WorkflowEvent = z.infer<typeof WorkflowEvent>;

export const ActionResultView = z.object({
  type: z.string(),
  status: z.enum(["ok", "error", "skipped"]),
  detail: z.string(),
});
export type ActionResult = z.infer<typeof ActionResultView>;

export const WorkflowView = z.object({
  id: z.string(),
  name: z.string(),
  trigger: TriggerSchema,
  condition: z.string(),
  actions: z.array(WorkflowActionInput),
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
  /** Set when the workflow is an alert rule's auto-create: it changes through that rule only. */
  alertRuleId: z.string().nullable(),
  lastRun: z.object({ at: z.date(), matched: z.boolean() }).nullable(),
});
export type WorkflowView = z.infer<typeof WorkflowView>;

export const WorkflowRunView = z.object({
  id: z.number().int(),
  workflowId: z.string(),
  trigger: TriggerSchema,
  eventKey: z.string(),
  event: z.record(z.string(), z.unknown()),
  matched: z.boolean(),
  reason: z.string(),
  actionResults: z.array(ActionResultView),
  incidentId: z.string().nullable(),
  createdAt: z.date(),
});
export type WorkflowRunView = z.infer<typeof WorkflowRunView>;

export const PreviewView = z.object({
  trigger: TriggerSchema,
  sampled: z.number().int(),
  matched: z.number().int(),
  items: z.array(z.object({ key: z.string(), label: z.string(), at: z.date(), matched: z.boolean() })),
});
export type PreviewView = z.infer<typeof PreviewView>;
