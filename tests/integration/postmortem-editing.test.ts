import { beforeEach, describe, expect, it } from "vitest";
import * as postmortemRoute from "@/app/api/dashboard/incidents/[id]/postmortem/route";
import { getDb } from "@/db/client";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { updateIncident } from "@/lib/incidents/update-incident";
import { updatePostmortem } from "@/lib/postmortems/update-postmortem";
import { call, resetDatabase, responder } from "@/tests/support/harness";
import { runConsumers } from "@/tests/support/consumers";
import { at, declare, getPm, path, putPm, resolveFully } from "@/tests/support/postmortems";

beforeEach(async () => {
  await resetDatabase();
});

describe("editing", () => {
  it("refuses a stale save with 412 and hands back the current version, so both can be shown", async () => {
    const id = await declare();
    await resolveFully(id);
    const { version } = (await getPm(id)).json;
    // Alice saves from her browser session (a user, so she becomes an author); Bob's API save was based on the same version.
    const alice = await updatePostmortem(
      await getDb(),
      responder,
      id,
      { sections: { went_well: "Fast rollback." } },
      { expectedVersion: version },
    );
    expect(alice.authors).toEqual([{ id: "user_abc123", name: "Alex Chen" }]);
    const bob = await putPm(id, { sections: { went_well: "Good paging." } }, `"${version}"`);
    expect(bob.status).toBe(412);
    expect(bob.json.currentVersion).toBe(version + 1);
    expect(bob.json.current.sections.find((s: { key: string }) => s.key === "went_well").text).toBe(
      "Fast rollback.",
    );
    expect((await getPm(id)).json.sections.find((s: { key: string }) => s.key === "went_well").text).toBe(
      "Fast rollback.",
    );
  });

  it("moves draft → in_review → published, refuses skips, and is read-only once published", async () => {
    const db = await getDb();
    const id = await declare();
    await resolveFully(id);
    expect((await putPm(id, { status: "published" })).status).toBe(422);
    expect((await putPm(id, { status: "in_review" })).json.status).toBe("in_review");
    expect((await putPm(id, { status: "draft" })).json.status).toBe("draft");
    await putPm(id, { status: "in_review" });
    const published = await putPm(id, { status: "published" });
    expect(published.status).toBe(200);
    expect(published.json.publishedAt).not.toBeNull();
    const frozen = published.json.markdown;

    expect((await putPm(id, { sections: { summary: "Rewritten" } })).status).toBe(409);
    expect((await putPm(id, { status: "draft" })).status).toBe(409);
    // A reopen and resolve leaves the published document as it was.
    await updateIncident(db, responder, id, { status: "investigating" }, { now: at(60) });
    await updateIncident(
      db,
      responder,
      id,
      { status: "resolved", resolutionSummary: "Another fix" },
      { now: at(90) },
    );
    await runConsumers();
    expect((await getPm(id)).json.markdown).toBe(frozen);
    const kinds = (await listTimeline(db, responder, id))
      .filter((e) => e.kind === "postmortem_status_changed")
      .map((e) => e.data.to);
    expect(kinds).toEqual(["in_review", "draft", "in_review", "published"]);
  });

  it("rejects unknown sections and fields, a viewer, and an empty body without changing anything", async () => {
    const id = await declare();
    await resolveFully(id);
    const before = (await getPm(id)).json;
    expect((await putPm(id, { sections: { nonsense: "x" } })).status).toBe(422);
    expect((await putPm(id, { markdownz: "x" })).status).toBe(422);
    expect((await putPm(id, {})).status).toBe(422);
    expect((await putPm(id, { authors: ["nobody"] })).status).toBe(422);
    expect(
      (
        await call(postmortemRoute.PUT, path(id), {
          method: "PUT",
          params: { id },
          body: { status: "in_review" },
          as: "viewer",
        })
      ).status,
    ).toBe(403);
    expect((await getPm(id)).json.version).toBe(before.version);
  });

  it("exports the document as one Markdown file, to readers too, and refuses an unknown format", async () => {
    const id = await declare("SEV3", "Search slow");
    await resolveFully(id);
    const stored = (await getPm(id)).json;
    for (const options of [{ query: "?format=markdown" }, { query: "", accept: "text/markdown" }]) {
      const response = await call(postmortemRoute.GET, `${path(id)}${options.query}`, {
        params: { id },
        as: "viewer",
        headers: options.accept ? { accept: options.accept } : {},
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${id}-postmortem.md"`);
      expect(response.text.startsWith(`# Postmortem: ${id} Search slow\n\nDraft · SEV3`)).toBe(true);
      expect(response.text.endsWith(stored.markdown)).toBe(true);
    }
    const pdf = await call(postmortemRoute.GET, `${path(id)}?format=pdf`, { params: { id } });
    expect(pdf.status).toBe(422);
    expect(pdf.json.errors[0].path).toBe("format");
    const none = await call(postmortemRoute.GET, `${path("INC-2026-9999")}?format=markdown`, {
      params: { id: "INC-2026-9999" },
    });
    expect(none.status).toBe(404);
  });
});
