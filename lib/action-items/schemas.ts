import { z } from "zod";
import { isoDate, slug } from "@/lib/field-schemas";

export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const PRIORITIES = ["low", "medium", "high"] as const;
export const STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};
export const OPEN_STATUSES: ActionItemStatus[] = ["open", "in_progress"];

const title = z.string().trim().min(1, "Must not be empty.").max(300, "At most 300 characters.");
const userId = z.string().trim().min(1).max(100);
const ticketUrl = z.url({ protocol: /^https?$/, message: "Use an http(s) URL." }).max(2000);

export const CreateActionItemInput = z.strictObject({
  incidentId: z.string().trim().min(1).max(64),
  title,
  ownerId: userId.optional(),
  dueDate: isoDate.optional(),
  priority: z.enum(PRIORITIES).default("medium"),
  ticketUrl: ticketUrl.optional(),
  timelineEntryId: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: "The timeline entry this item was made from." }),
});
export type CreateActionItemInput = z.infer<typeof CreateActionItemInput>;

export const UpdateActionItemInput = z
  .strictObject({
    title: title.optional(),
    ownerId: userId.nullable().optional(),
    dueDate: isoDate.nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    ticketUrl: ticketUrl.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change." });
export type UpdateActionItemInput = z.infer<typeof UpdateActionItemInput>;

export const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "Use an IANA time zone such as Europe/Berlin.");

export const ListActionItemsQuery = z.strictObject({
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  owner: userId.optional(),
  service: slug.optional(),
  incidentId: z.string().trim().min(1).max(64).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  tz: timeZone.default("UTC").meta({
    description: "The viewer's IANA time zone: a due date is overdue once that day has ended there.",
  }),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "Use the nextCursor of the previous page.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListActionItemsQuery = z.infer<typeof ListActionItemsQuery>;

export const ActionItemView = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  incidentTitle: z.string(),
  postmortemId: z.number().int().nullable(),
  title: z.string(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable().meta({ description: "A calendar date (YYYY-MM-DD)." }),
  priority: z.enum(PRIORITIES),
  status: z.enum(ACTION_ITEM_STATUSES),
  ticketUrl: z.string().nullable(),
  timelineEntryId: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  completedAt: z.date().nullable(),
  version: z.number().int(),
  overdue: z
    .boolean()
    .meta({ description: "Open or in progress and its due date has passed in the viewer's time zone (tz)." }),
});
export type ActionItemView = z.infer<typeof ActionItemView>;

export const ActionItemPage = z.object({
  items: z.array(ActionItemView),
  nextCursor: z.string().nullable(),
  counts: z.object({
    open: z.number().int(),
    in_progress: z.number().int(),
    done: z.number().int(),
    wont_do: z.number().int(),
    overdue: z.number().int(),
  }),
});
