import { SimilarIncidents } from "@/components/postmortem/similar-incidents";
import { loadPage } from "@/lib/http/page-errors";
import { findSimilarIncidents } from "@/lib/postmortems/find-similar-incidents";

/** Streamed by the incident page (it compares titles over 90 days). */
export async function Similar({ id }: { id: string }) {
  const load = await loadPage(`/incidents/${id}`, (db, actor) => findSimilarIncidents(db, actor, id));
  return load.allowed ? <SimilarIncidents items={load.data} /> : null;
}
