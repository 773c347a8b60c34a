import { asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, services, users } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";

export type ServiceOption = { slug: string; name: string; ownerTeam: string | null };
export type EnvironmentOption = { slug: string; name: string };
export type UserOption = { id: string; name: string; email: string; role: string };

/** What the forms offer: the service catalog, the environments and the people. */
export async function listCatalog(db: Db, actor: Actor) {
  authorize(actor, "incidents.read");
  const [serviceRows, environmentRows, userRows] = await Promise.all([
    db
      .select({ slug: services.slug, name: services.name, ownerTeam: services.ownerTeam })
      .from(services)
      .orderBy(asc(services.slug)),
    db
      .select({ slug: environments.slug, name: environments.name })
      .from(environments)
      .orderBy(asc(environments.slug)),
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role })
      .from(users)
      .orderBy(asc(users.name)),
  ]);
  return {
    services: serviceRows as ServiceOption[],
    environments: environmentRows as EnvironmentOption[],
    users: userRows as UserOption[],
  };
}
export type Catalog = Awaited<ReturnType<typeof listCatalog>>;
