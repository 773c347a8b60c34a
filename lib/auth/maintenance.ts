import { defineMaintenance } from "@/lib/jobs/maintenance";
import { pruneSignInAttempts } from "./sign-in-rate-limit";

// Sign-in also prunes, but only when someone signs in; this keeps the table small on quiet servers.
export const pruneSignInAttemptsMaintenance = defineMaintenance("auth.prune-sign-in-attempts", (db, now) =>
  pruneSignInAttempts(db, now),
);
