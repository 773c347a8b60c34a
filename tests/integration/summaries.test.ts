import { beforeEach, describe, expect, it } from "vitest";
import * as item from "@/app/api/dashboard/incidents/[id]/route";
import * as timelineRoute from "@/app/api/dashboard/incidents/[id]/timeline/route";
import * as collection from "@/app/api/dashboard/incidents/route";
import { call, resetDatabase, validIncident } from "@/tests/support/harness";

const PATH = "/api/dashboard/incidents";
let id = "";
const patch = (body: unknown) => call(item.PATCH, `${PATH}/${id}`, { method: "PATCH", params: { id }, body });

beforeEach(async () => {
  await resetDatabase();
  id = (await call(collection.POST, PATH, { method: "POST", body: validIncident })).json.id;
});

describe("summaries sent beside a status change", () => {
  it("keeps a resolution summary sent with the move to mitigated, and a mitigation summary sent with a regress", async () => {
    const mitigated = await patch({
      status: "mitigated",
      mitigationSummary: "Rolled back",
      resolutionSummary: "Draft: null check missing",
    });
    expect(mitigated.json).toMatchObject({
      status: "mitigated",
      mitigationSummary: "Rolled back",
      resolutionSummary: "Draft: null check missing",
    });
    const regressed = await patch({ status: "investigating", mitigationSummary: "Rollback did not hold" });
    expect(regressed.json).toMatchObject({
      status: "investigating",
      mitigationSummary: "Rollback did not hold",
      mitigatedAt: null,
    });
    const timeline = await call(timelineRoute.GET, `${PATH}/${id}/timeline`, { params: { id } });
    const kinds = timeline.json.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      "declared",
      "status_changed",
      "details_changed",
      "status_changed",
      "details_changed",
    ]);
  });
});
