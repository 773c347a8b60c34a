import { z } from "zod";
import { ROLES } from "@/lib/actor";

// What the users API answers (never a password or its hash); documented in /api/openapi.json.
export const UserView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
});
export const UserListItemView = UserView.extend({
  createdAt: z.date(),
  disabledAt: z.date().nullable(),
  signInFailures: z.number().int(),
  lockedUntil: z.date().nullable(),
});
