import type { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { AuditEventPage, ListAuditEventsInput } from "@/lib/audit/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

/** The audit log part of /api/openapi.json (docs/decisions/0101-audit-log.md). */
export function auditPaths({ jsonAnswer, problems, queryParameters }: PathHelpers): Json {
  return {
    "/api/audit-events": {
      get: {
        summary: `The audit log (admin), newest first, keyset pages: every change outside the incident timeline (${AUDIT_ACTIONS.join(", ")}), with who, what, the changed fields and the client's address; never a secret`,
        parameters: queryParameters(ListAuditEventsInput.shape),
        responses: { "200": jsonAnswer("A page of audit events", "AuditEventPage"), ...problems(422) },
      },
    },
  };
}

export function auditSchemas(output: (schema: z.ZodType) => Json): Json {
  return { AuditEventPage: output(AuditEventPage) };
}
