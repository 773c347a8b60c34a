import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows } from "@/db/schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { isWorkflowIdShape } from "./get-workflow";

/** Deletes the workflow and its run log (the incidents it made stay, with their timelines). */
export async function deleteWorkflow(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "workflows.manage");
  if (!isWorkflowIdShape(id)) throw notFound("Workflow");
  const deleted = await db.delete(workflows).where(eq(workflows.id, id)).returning({ id: workflows.id });
  if (deleted.length === 0) throw notFound(`Workflow ${id}`);
}
