import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { startJobs, stopJobs } from "@/lib/jobs/start-jobs";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { queryRows, resetDatabase } from "@/tests/support/harness";
import { type SmtpTestServer, startSmtpServer } from "@/tests/support/smtp-server";

// The wiring with running workers: JOBS lists mail.send, the queue hands the job over, the mail arrives.
let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url();
  await resetDatabase();
  await startJobs({ pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await stopJobs(2000);
  await smtp.close();
  delete process.env.SMTP_URL;
});

async function waitFor(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

describe("mail through the job workers", () => {
  it("sends a committed mail once and records the server's answer", async () => {
    const mail = await runTransaction(await getDb(), (tx) =>
      enqueueMail(
        tx,
        { to: "alex@example.com", subject: "Paged: INC-2026-0001", text: "Please acknowledge." },
        { key: "page:1:notify:1", thread: "incident:INC-2026-0001" },
      ),
    );
    await waitFor(() => smtp.received.length >= 1, "the mail");
    expect(smtp.received[0].parsed.messageId).toBe(mail.messageId);
    expect(smtp.received[0].parsed.subject).toBe("Paged: INC-2026-0001");
    await waitFor(
      async () =>
        (await queryRows<{ status: string }>(sql`select status from mail_messages where id = ${mail.id}`))[0]
          .status === "sent",
      "sent recorded",
    );
    const [row] = await queryRows<{ attempts: number; smtp_response: string; transport: string }>(
      sql`select attempts, smtp_response, transport from mail_messages where id = ${mail.id}`,
    );
    expect(row).toMatchObject({ attempts: 1, transport: "smtp" });
    expect(row.smtp_response).toMatch(/^250 /);
    expect(smtp.received).toHaveLength(1);
  });
});
