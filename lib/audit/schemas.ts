import { z } from "zod";
import { isoDate, isoDateTime } from "@/lib/field-schemas";
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_TARGET_TYPES } from "./audit-actions";

// Shared by GET /api/audit-events, the /settings/audit page and /api/openapi.json. No database imports.

const dateOrDateTime = z.union([isoDateTime, isoDate], {
  message: "Use an ISO 8601 date (2026-03-15) or date-time.",
});

export const ListAuditEventsInput = z.strictObject({
  actor: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Who acted: a user id, token id, or the name the row shows (exact)." }),
  action: z.enum(AUDIT_ACTIONS, { error: "Not an audited action." }).optional(),
  targetType: z.enum(AUDIT_TARGET_TYPES, { error: "Not an audited kind of target." }).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  from: dateOrDateTime.optional().meta({ description: "At or after this moment (a date: its start, UTC)." }),
  to: dateOrDateTime
    .optional()
    .meta({ description: "At or before this moment (a date: the whole day, UTC)." }),
  cursor: z.string().max(500).optional().meta({ description: "nextCursor of the previous page." }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditEventsInput = z.infer<typeof ListAuditEventsInput>;

export const AuditEventView = z.object({
  id: z.number().int(),
  occurredAt: z.date(),
  actor: z.object({ type: z.enum(AUDIT_ACTOR_TYPES), id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  diff: z
    .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
    .meta({ description: "Changed fields, {field: {from, to}}; a creation or deletion against nothing." }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditEventPage = z.object({
  items: z.array(AuditEventView),
  nextCursor: z.string().nullable(),
});
