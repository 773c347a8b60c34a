import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { respondersOf } from "@/lib/users/responders";
import { listPolicies } from "./list-policies";

/** Whom a workflow's page action may name, as the editor's select offers it (`policy:<id>`, …). */
export async function listPageTargetChoices(
  db: Db,
  actor: Actor,
): Promise<{ value: string; label: string }[]> {
  const [{ items: policies }, catalog] = await Promise.all([listPolicies(db, actor), listCatalog(db, actor)]);
  return [
    ...policies.map((p) => ({
      value: `policy:${p.id}`,
      label: `Policy: ${p.name}${p.isDefault ? " (default)" : ""}`,
    })),
    ...catalog.services.map((s) => ({ value: `oncall:${s.slug}`, label: `On-call of ${s.name}` })),
    ...respondersOf(catalog.users).map((u) => ({ value: `user:${u.id}`, label: u.name })),
  ];
}
