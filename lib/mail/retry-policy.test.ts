import { describe, expect, it } from "vitest";
import { sendMailJobSpec } from "./send-job-spec";
import { isFinalRun, minimumRetryDelaySeconds, minimumRetrySpanSeconds } from "./retry-policy";
import { threadRootId } from "./message-id";
import { mailDomain, mailTransportInfo } from "./mail-config";

describe("mail retries", () => {
  it("follow pg-boss's backoff: the first retry 5–10 s after the first attempt, doubling", () => {
    expect([0, 1, 2, 7].map((n) => minimumRetryDelaySeconds(n))).toEqual([5, 10, 20, 640]);
  });

  it("span more than a 5-minute SMTP outage with the job's own settings", () => {
    const { retryLimit, retryDelaySeconds } = sendMailJobSpec.options;
    expect(retryLimit).toBe(8);
    expect(minimumRetrySpanSeconds(retryLimit, retryDelaySeconds)).toBe(1275);
    expect(minimumRetrySpanSeconds(retryLimit, retryDelaySeconds)).toBeGreaterThanOrEqual(5 * 60);
  });

  it("knows the queue's last run: retryCount equal to the limit", () => {
    expect(isFinalRun(7)).toBe(false);
    expect(isFinalRun(8)).toBe(true);
  });
});

describe("mail identity", () => {
  it("mints ids under MAIL_FROM's domain, else APP_URL's host", () => {
    expect(mailDomain({ MAIL_FROM: "Ops <ops@Mail.Example.org>" })).toBe("mail.example.org");
    expect(mailDomain({ APP_URL: "https://incidents.example.com/" })).toBe("incidents.example.com");
    expect(mailDomain({})).toBe("localhost");
  });

  it("derives one root Message-ID per thread, in the id's allowed characters", () => {
    expect(threadRootId("incident:INC-2026-0001", "example.com")).toBe(
      "<thread.incident.INC-2026-0001@example.com>",
    );
    expect(threadRootId("incident:INC-2026-0001", "example.com")).not.toBe(
      threadRootId("incident:INC-2026-0002", "example.com"),
    );
  });

  it("names the SMTP host and port, never the credentials", () => {
    expect(mailTransportInfo({})).toEqual({ mode: "mailbox", host: null });
    expect(mailTransportInfo({ SMTP_URL: "smtps://user:secret@mail.example:465" })).toEqual({
      mode: "smtp",
      host: "mail.example:465",
    });
  });
});
