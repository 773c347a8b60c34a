import { describe, expect, it } from "vitest";
import { JOBS } from "./job-list";
import { DEFAULT_EXPIRE_SECONDS, queueSettings } from "./registry";

// A job held by an instance that was killed is retried only after its expiry (docs/scaling.md):
// every job must be picked up by another instance within minutes, not the old 15.
describe("job expiry", () => {
  it("is at most five minutes for every defined job, two by default", () => {
    expect(DEFAULT_EXPIRE_SECONDS).toBe(120);
    const jobs = JOBS;
    expect(jobs.length).toBeGreaterThan(0);
    const tooLong = jobs
      .filter((job) => queueSettings(job.options).expireInSeconds > 5 * 60)
      .map((job) => job.name);
    expect(tooLong).toEqual([]);
  });

  it("is one minute for event dispatch, which runs workflows and the other consumers", () => {
    const dispatch = JOBS.find((job) => job.name === "events.dispatch");
    expect(queueSettings(dispatch?.options).expireInSeconds).toBe(60);
  });
});
