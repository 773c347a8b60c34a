import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertIncidentIdShape } from "@/lib/incidents/lock-incident";

export const RECURRENCE_DAYS = 90;
export const TITLE_SIMILARITY = 0.3;
export const TITLE_CANDIDATES = 500;

export type SimilarIncident = {
  id: string;
  title: string;
  createdAt: Date;
  reason: "same_link" | "similar_title";
  similarity: number;
  openActionItems: number;
};

/** pg_trgm when an operator has installed it; the app's least-privilege role cannot create extensions. */
async function hasTrigrams(db: Db): Promise<boolean> {
  const rows = rowsOf<{ present: boolean }>(
    await db.execute(sql`select exists (select 1 from pg_extension where extname = 'pg_trgm') as present`),
  );
  return rows[0]?.present === true;
}

// Distinct lower-case words of 3+ characters: the fallback compares titles by word overlap (Jaccard).
const words = (column: ReturnType<typeof sql>) =>
  sql`array(select distinct w from regexp_split_to_table(lower(${column}), '[^a-z0-9]+') as w where length(w) > 2)`;

/**
 * Earlier incidents (up to 90 days before this one was declared) on one of its services that share a
 * linked alert or error group with it, or have a similar title: trigram similarity with pg_trgm,
 * word-overlap Jaccard otherwise (PGlite, or PostgreSQL without the extension). Each comes with its
 * count of open action items.
 */
export async function findSimilarIncidents(
  db: Db,
  actor: Actor,
  incidentId: string,
): Promise<SimilarIncident[]> {
  authorize(actor, "incidents.read");
  assertIncidentIdShape(incidentId);
  // Jaccard of two sets of distinct words: |A ∩ B| / (|A| + |B| - |A ∩ B|), with each title split once
  // (offset 0 keeps the split from being inlined into each use) and the intersection counted once.
  const trigrams = await hasTrigrams(db);
  const titleScore = trigrams
    ? sql`similarity(c.title, x.title)`
    : sql`common.n::float8 / greatest(1, cardinality(cw.w) + cardinality(xw.w) - common.n)`;
  const wordSets = trigrams
    ? sql``
    : sql`cross join lateral (select ${words(sql`c.title`)} as w offset 0) cw cross join lateral (select count(*) as n from unnest(cw.w) e where e = any(xw.w)) common`;
  const result = await db.execute(sql`
    with x as (select id, title, created_at from incidents where id = ${incidentId}),
    -- Materialized, both: inlined, PostgreSQL split this title again for every candidate, and scored each
    -- candidate twice (the filter, then the sort), ~70 % of the query with 500 candidates.
    xw as materialized (select ${words(sql`x.title`)} as w from x),
    -- Who is compared: everything sharing an alert or error group, and by title only the most recent
    -- TITLE_CANDIDATES on a shared service (a busy year has tens of thousands in 90 days, and scoring
    -- each title would cost seconds on every incident page).
    pool as (
      -- The most recent on a shared service are the most recent of each service's own most recent: per
      -- service of this incident, a backward walk of (service_slug, incident_created_at) that stops at
      -- the limit, not a walk of every incident of the 90 days probing its services (1M dense: 13 → 2 ms).
      (select s.incident_id as id from incident_services xs
        cross join lateral (select sc.incident_id, sc.incident_created_at from incident_services sc
          where sc.service_slug = xs.service_slug and sc.incident_created_at < (select created_at from x)
            and sc.incident_created_at >= (select created_at from x) - make_interval(days => ${RECURRENCE_DAYS})
          order by sc.incident_created_at desc limit ${TITLE_CANDIDATES}) s
        where xs.incident_id = ${incidentId}
        group by s.incident_id order by max(s.incident_created_at) desc limit ${TITLE_CANDIDATES})
      union
      select lc.incident_id from incident_links lx join incident_links lc on lc.type = lx.type and lc.target_id = lx.target_id, x
        where lx.incident_id = x.id and lx.type in ('alert', 'error_group')
    ),
    candidates as materialized (
      select c.id, c.title, c.created_at,
        exists (
          select 1 from incident_links lc join incident_links lx on lx.type = lc.type and lx.target_id = lc.target_id
          where lc.incident_id = c.id and lx.incident_id = x.id and lc.type in ('alert', 'error_group')
        ) as same_link,
        (${titleScore})::float8 as score
      from incidents c join pool on pool.id = c.id cross join xw ${wordSets} cross join x
      where c.id <> x.id
        and c.created_at < x.created_at
        and c.created_at >= x.created_at - make_interval(days => ${RECURRENCE_DAYS})
        and exists (
          select 1 from incident_services sc join incident_services sx on sx.service_slug = sc.service_slug
          where sc.incident_id = c.id and sx.incident_id = x.id
        )
    )
    select c.id, c.title, (extract(epoch from c.created_at) * 1000)::float8 as created_ms, c.same_link, c.score,
      (select count(*) from action_items a where a.incident_id = c.id and a.status in ('open', 'in_progress'))::int as open_items
    from candidates c
    where c.same_link or c.score >= ${TITLE_SIMILARITY}
    order by c.same_link desc, c.score desc, c.created_at desc
    limit 5`);
  return rowsOf<{
    id: string;
    title: string;
    created_ms: number | string;
    same_link: boolean;
    score: number | string;
    open_items: number | string;
  }>(result).map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: new Date(Number(r.created_ms)),
    reason: r.same_link ? "same_link" : "similar_title",
    similarity: Number(r.score),
    openActionItems: Number(r.open_items),
  }));
}
