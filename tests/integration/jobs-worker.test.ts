import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import { ensureServices } from "@/lib/catalog/references";
import { call, resetDatabase, TEST_TARGET, validIncident } from "@/tests/support/harness";
import { defaultPolicyOf, verifiedEmail } from "@/tests/support/paging-setup";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// scripts/jobs-worker.ts: the job workers in a process of their own (servers run JOBS_IN_SERVER=false).
// This process only declares; the worker dispatches the event, pages, and mails the on-call.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const startWorker = (env: Record<string, string | undefined>) => {
  const child = spawn("./node_modules/.bin/tsx", ["scripts/jobs-worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += String(d)));
  child.stderr.on("data", (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
};

let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(() => smtp.close());

describe("the job worker process", () => {
  it("refuses to start without PostgreSQL (the embedded database serves one process)", async () => {
    const worker = startWorker({ DATABASE_URL: "" });
    expect(await worker.exited).toBe(2);
    expect(worker.output()).toContain("DATABASE_URL is required");
  });

  // Two processes on one database: PostgreSQL only (on PGlite the refusal above is the behaviour).
  if (TEST_TARGET === "postgres")
    it("pages and mails the on-call for a declaration made elsewhere, and stops cleanly on SIGTERM", async () => {
      const db = await resetDatabase();
      await ensureServices(db, ["checkout-api"]);
      await verifiedEmail("user_def456", "priya@example.com");
      await defaultPolicyOf("Checkout", ["user_def456"]);
      const declared = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
        method: "POST",
        body: { ...validIncident, severity: "SEV1", services: ["checkout-api"] },
      });
      expect(declared.status).toBe(201);
      const worker = startWorker({ SMTP_URL: smtp.url() });
      try {
        await vi.waitFor(
          () => expect(smtp.received.map((mail) => mail.envelope.to)).toEqual([["priya@example.com"]]),
          {
            timeout: 60_000,
            interval: 200,
          },
        );
        expect(smtp.received[0].parsed.subject).toContain(declared.json.id);
        worker.child.kill("SIGTERM");
        expect(await worker.exited).toBe(0);
        expect(worker.output()).toContain("[worker] SIGTERM");
      } finally {
        worker.child.kill("SIGKILL");
      }
    });
});
