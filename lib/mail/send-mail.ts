import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailMessages } from "@/db/mail-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { smtpUrl } from "./mail-config";
import { isFinalRun, minimumRetryDelaySeconds } from "./retry-policy";
import type { SendMailJobData } from "./send-job-spec";
import { smtpTransport } from "./smtp-transport";

type Mail = typeof mailMessages.$inferSelect;

export type SendOptions = {
  /** The queue's retry count of this run (0 = first): run n makes attempt n + 1. */
  retryCount: number;
  now?: () => Date;
};

export type SendReport =
  | { status: "skipped"; why: string }
  | { status: "sent" | "retrying" | "failed"; error: string | null; response: string | null };

type Outcome = { ok: true; response: string | null } | { ok: false; error: string };

/**
 * Claims attempt `retryCount + 1` under the row lock. A second run of the same job (another worker,
 * a redelivery) finds the attempt counted and sends nothing; a run after one that died mid-send
 * (the queue retried the expired job, with a higher count) takes over and sends again, with the same
 * Message-ID so the receiving side can tell.
 */
async function claim(db: Db, data: SendMailJobData, retryCount: number): Promise<Mail | { skip: string }> {
  return runTransaction(db, async (tx) => {
    const [mail] = await tx.select().from(mailMessages).where(eq(mailMessages.id, data.mailId)).for("update");
    if (!mail) return { skip: "the mail no longer exists" };
    if (mail.status === "sent" || mail.status === "failed") return { skip: `already ${mail.status}` };
    if (mail.attempts > retryCount) return { skip: `attempt ${retryCount + 1} already made` };
    await tx
      .update(mailMessages)
      .set({ status: "sending", attempts: retryCount + 1, nextAttemptAt: null })
      .where(eq(mailMessages.id, mail.id));
    return mail;
  });
}

/** SMTP replies (4xx, 5xx) and connection errors alike: a message for the log, never the password. */
function describeFailure(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.response) return `SMTP ${e.responseCode ?? "error"}: ${e.response}`.slice(0, 1000);
  return `${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`.slice(0, 1000);
}

async function deliver(mail: Mail, url: string): Promise<Outcome> {
  try {
    const info = await smtpTransport(url).sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      headers: mail.headers,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references ? { references: mail.references } : {}),
      date: mail.createdAt,
    });
    if (info.rejected.length > 0)
      return { ok: false, error: `Rejected recipients: ${info.rejected.join(", ")}` };
    return { ok: true, response: info.response ?? null };
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}

/**
 * Sends one mail: through SMTP_URL, or, without it, into the local mailbox (the row is the mailbox:
 * nothing leaves the machine). A failure is recorded as retrying and reported so the job throws and
 * the queue retries it with backoff; on the queue's last run it is recorded as failed instead.
 */
export async function sendMail(db: Db, data: SendMailJobData, options: SendOptions): Promise<SendReport> {
  const now = options.now ?? (() => new Date());
  const claimed = await claim(db, data, options.retryCount);
  if ("skip" in claimed) return { status: "skipped", why: claimed.skip };
  const url = smtpUrl();
  const outcome: Outcome = url ? await deliver(claimed, url) : { ok: true, response: null };
  const final = isFinalRun(options.retryCount);
  const at = now();
  const status = outcome.ok ? "sent" : final ? "failed" : "retrying";
  const error = outcome.ok
    ? null
    : final
      ? `${outcome.error} Gave up after ${options.retryCount + 1} attempts.`
      : outcome.error;
  await runTransaction(db, (tx) =>
    tx
      .update(mailMessages)
      .set({
        status,
        transport: url ? "smtp" : "mailbox",
        lastError: error,
        ...(outcome.ok ? { smtpResponse: outcome.response, sentAt: at } : {}),
        nextAttemptAt:
          status === "retrying"
            ? new Date(at.getTime() + minimumRetryDelaySeconds(options.retryCount) * 1000)
            : null,
      })
      // Only while the claim is still this run's: a run that took over after an expiry owns the row.
      .where(and(eq(mailMessages.id, claimed.id), eq(mailMessages.attempts, options.retryCount + 1))),
  );
  return { status, error, response: outcome.ok ? outcome.response : null };
}
