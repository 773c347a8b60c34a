import { describe, expect, it } from "vitest";
import { pageHeadline, worstStatus } from "./headline";

describe("the page's headline", () => {
  it("is all systems operational with no components or only operational ones", () => {
    expect(pageHeadline([]).headline).toBe("All systems operational");
    expect(pageHeadline(["operational", "operational"])).toEqual({
      status: "operational",
      headline: "All systems operational",
    });
  });

  it("names the worst component: major > partial > degraded > maintenance", () => {
    expect(pageHeadline(["operational", "under_maintenance"]).headline).toBe("Under maintenance");
    expect(pageHeadline(["under_maintenance", "degraded_performance"]).headline).toBe("Degraded performance");
    expect(pageHeadline(["degraded_performance", "partial_outage", "operational"]).headline).toBe(
      "Partial outage",
    );
    expect(pageHeadline(["partial_outage", "major_outage", "under_maintenance"]).headline).toBe(
      "Major outage",
    );
  });

  it("does not depend on the order of the components", () => {
    expect(worstStatus(["major_outage", "operational"])).toBe("major_outage");
    expect(worstStatus(["operational", "major_outage"])).toBe("major_outage");
  });
});
