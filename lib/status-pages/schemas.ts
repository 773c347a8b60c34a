import { z } from "zod";
import { slug } from "@/lib/field-schemas";

// Shared by the JSON API and /api/openapi.json. No database imports.

export const COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const PUBLIC_PHASES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type PublicPhase = (typeof PUBLIC_PHASES)[number];

export const VISIBILITIES = ["public", "signed-in"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const name = (what: string) =>
  z
    .string({ error: `Give the ${what}'s name.` })
    .trim()
    .min(1, `Give the ${what}'s name.`)
    .max(120, "At most 120 characters.");

const logoUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters.")
  .refine(
    (value) => value.startsWith("/") || /^https?:\/\//.test(value),
    "An https:// URL or a path on this site (e.g. /logo.png).",
  )
  .refine((value) => !value.startsWith("//"), "An https:// URL or a path on this site (e.g. /logo.png).")
  .nullable();

const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Unknown time zone (use an IANA name such as Europe/Berlin).");

const visibility = z.enum(VISIBILITIES, { error: `Use ${VISIBILITIES.join(" or ")}.` });
const componentStatus = z.enum(COMPONENT_STATUSES, { error: `Use one of ${COMPONENT_STATUSES.join(", ")}.` });
const phase = z.enum(PUBLIC_PHASES, { error: `Use one of ${PUBLIC_PHASES.join(", ")}.` });
const id = z.string().min(1).max(64);

export const CreateStatusPageInput = z.strictObject({
  name: name("page"),
  slug: slug.max(63).meta({ description: "The page's path: /status/<slug>." }),
  logoUrl: logoUrl.default(null),
  timeZone: timeZone.default("UTC"),
  isDefault: z
    .boolean({ error: "true or false." })
    .default(false)
    .meta({ description: "The page /status shows; setting it moves the flag from any other page." }),
  visibility: visibility.default("public").meta({ description: "signed-in pages need a session." }),
});
export type CreateStatusPageInput = z.infer<typeof CreateStatusPageInput>;

export const UpdateStatusPageInput = z.strictObject({
  name: name("page").optional(),
  slug: slug.max(63).optional(),
  logoUrl: logoUrl.optional(),
  timeZone: timeZone.optional(),
  isDefault: z.boolean({ error: "true or false." }).optional(),
  visibility: visibility.optional(),
});
export type UpdateStatusPageInput = z.infer<typeof UpdateStatusPageInput>;

const services = z
  .array(slug, { error: "A list of service slugs." })
  .max(50, "At most 50 services.")
  .transform((list) => [...new Set(list)])
  .meta({ description: "Catalog services (slugs) the component stands for." });

export const CreateComponentInput = z.strictObject({
  name: name("component"),
  description: z.string().trim().max(500, "At most 500 characters.").default(""),
  groupId: id.nullable().default(null),
  status: componentStatus.default("operational"),
  services: services.default([]),
});
export type CreateComponentInput = z.infer<typeof CreateComponentInput>;

export const UpdateComponentInput = z.strictObject({
  name: name("component").optional(),
  description: z.string().trim().max(500, "At most 500 characters.").optional(),
  groupId: id.nullable().optional(),
  status: componentStatus.optional(),
  services: services.optional(),
});
export type UpdateComponentInput = z.infer<typeof UpdateComponentInput>;

export const ComponentGroupInput = z.strictObject({ name: name("group") });
export type ComponentGroupInput = z.infer<typeof ComponentGroupInput>;

const order = z.array(id, { error: "A list of ids." }).max(500);
export const ReorderInput = z.strictObject({
  groups: order.optional().meta({ description: "Every group of the page, in the order to show them." }),
  components: order
    .optional()
    .meta({ description: "Every component of the page, in the order to show them (within their groups)." }),
});
export type ReorderInput = z.infer<typeof ReorderInput>;

const componentStatuses = z
  .array(z.strictObject({ componentId: id, status: componentStatus }), {
    error: "A list of {componentId, status}.",
  })
  .max(200)
  .refine(
    (list) => new Set(list.map((c) => c.componentId)).size === list.length,
    "Each component at most once.",
  );

const title = z
  .string({ error: "Give a title." })
  .trim()
  .min(1, "Give a title.")
  .max(200, "At most 200 characters.");
const body = z
  .string({ error: "Write the update for customers." })
  .trim()
  .min(1, "Write the update for customers.")
  .max(20_000, "At most 20000 characters.");

export const PublishPublicIncidentInput = z.strictObject({
  title,
  body: body.meta({ description: "Markdown shown to customers as the first update." }),
  phase: phase.default("investigating"),
  components: componentStatuses.default([]),
  incidentId: z
    .string()
    .min(1)
    .max(64)
    .nullable()
    .default(null)
    .meta({ description: "The internal incident it tells about; its timeline records the publication." }),
});
export type PublishPublicIncidentInput = z.infer<typeof PublishPublicIncidentInput>;

export const PostPublicUpdateInput = z.strictObject({
  phase,
  body,
  title: title.optional().meta({ description: "A new title for the public incident (default: unchanged)." }),
  components: componentStatuses.default([]),
});
export type PostPublicUpdateInput = z.infer<typeof PostPublicUpdateInput>;

export const ComponentView = z.object({
  id: z.string(),
  groupId: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
  status: z.enum(COMPONENT_STATUSES),
  services: z.array(z.string()),
});
export type ComponentView = z.infer<typeof ComponentView>;

export const GroupView = z.object({ id: z.string(), name: z.string(), position: z.number().int() });
export type GroupView = z.infer<typeof GroupView>;

export const StatusPageView = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  logoUrl: z.string().nullable(),
  timeZone: z.string(),
  isDefault: z.boolean(),
  visibility: z.enum(VISIBILITIES),
  revision: z.number().int().meta({ description: "Bumped by every change; the public page's ETag." }),
  headline: z.string(),
  groups: z.array(GroupView),
  components: z.array(ComponentView),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type StatusPageView = z.infer<typeof StatusPageView>;

export const PublicUpdateView = z.object({
  id: z.string(),
  phase: z.enum(PUBLIC_PHASES),
  title: z.string(),
  body: z.string(),
  components: z.array(z.object({ componentId: z.string(), status: z.enum(COMPONENT_STATUSES) })),
  createdBy: z.string(),
  createdAt: z.date(),
  delivery: z.object({ sent: z.number().int(), failed: z.number().int(), pending: z.number().int() }).meta({
    description:
      "The update's mails to subscribers: sent, failed after every retry, and still pending (queued or retrying).",
  }),
  hookDelivery: z
    .object({ sent: z.number().int(), failed: z.number().int(), pending: z.number().int() })
    .meta({
      description: "The update's posts to webhook and chat subscribers, counted as the mails are.",
    }),
});
export type PublicUpdateView = z.infer<typeof PublicUpdateView>;

export const PublicIncidentView = z.object({
  id: z.string(),
  pageId: z.string(),
  incidentId: z.string().nullable(),
  title: z.string(),
  phase: z.enum(PUBLIC_PHASES),
  createdAt: z.date(),
  updatedAt: z.date(),
  resolvedAt: z.date().nullable(),
  updates: z.array(PublicUpdateView).meta({ description: "Newest first." }),
});
export type PublicIncidentView = z.infer<typeof PublicIncidentView>;
