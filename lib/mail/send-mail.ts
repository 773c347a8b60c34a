import { and, asc, eq, inArray, lt, lte, notInArray, or, sql } from "drizzle-orm";
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
  | { status: "skipped" | "waiting"; why: string }
  | { status: "sent" | "retrying" | "failed"; error: string | null; response: string | null };

type Outcome = { ok: true; response: string | null } | { ok: false; error: string };

const UNSENT = ["queued", "sending", "retrying", "waiting"];
/** Mails of a thread sent after its earlier one by that one's run (the rest wait for their own jobs). */
const FLUSH_LIMIT = 20;

/** For a claim's WHERE: no mail of the row's thread before it is still unsent. */
const noEarlierUnsent = sql`not exists (select 1 from ${mailMessages} as earlier
  where earlier.thread = ${mailMessages.thread} and earlier.status in ${UNSENT}
    and (earlier.created_at, earlier.id) < (${mailMessages.createdAt}, ${mailMessages.id}))`;

/** The earliest mail of `mail`'s thread before it that is not sent or given up yet, if any. */
async function earlierUnsent(tx: Db, mail: Mail) {
  if (!mail.thread) return undefined;
  const [row] = await tx
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.thread, mail.thread),
        inArray(mailMessages.status, UNSENT),
        or(
          lt(mailMessages.createdAt, mail.createdAt),
          and(eq(mailMessages.createdAt, mail.createdAt), lt(mailMessages.id, mail.id)),
        ),
      ),
    )
    .orderBy(asc(mailMessages.createdAt), asc(mailMessages.id))
    .limit(1);
  return row;
}

/**
 * Claims attempt `retryCount + 1` under the row lock. A second run of the same job (another worker,
 * a redelivery) finds the attempt counted and sends nothing; a run after one that died mid-send
 * (the queue retried the expired job, with a higher count) takes over and sends again, with the same
 * Message-ID so the receiving side can tell. A mail whose thread has an earlier one still unsent
 * waits (no attempt counted): that one's run sends it right after itself, so a thread is delivered
 * in order after an outage. On its last run it goes anyway: late and out of order beats lost.
 */
async function claim(
  db: Db,
  data: SendMailJobData,
  retryCount: number,
): Promise<Mail | { skip: string; wait?: true }> {
  // The usual case in one statement (its row lock orders rival runs); only a refusal reads why.
  const [claimed] = await db
    .update(mailMessages)
    .set({ status: "sending", attempts: retryCount + 1, nextAttemptAt: null })
    .where(
      and(
        eq(mailMessages.id, data.mailId),
        notInArray(mailMessages.status, ["sent", "failed"]),
        lte(mailMessages.attempts, retryCount),
        isFinalRun(retryCount) ? undefined : noEarlierUnsent,
      ),
    )
    .returning();
  if (claimed) return claimed;
  return runTransaction(db, async (tx) => {
    const [mail] = await tx.select().from(mailMessages).where(eq(mailMessages.id, data.mailId)).for("update");
    if (!mail) return { skip: "the mail no longer exists" };
    if (mail.status === "sent" || mail.status === "failed") return { skip: `already ${mail.status}` };
    if (mail.attempts > retryCount) return { skip: `attempt ${retryCount + 1} already made` };
    const earlier = isFinalRun(retryCount) ? undefined : await earlierUnsent(tx, mail);
    if (earlier) {
      await tx.update(mailMessages).set({ status: "waiting" }).where(eq(mailMessages.id, mail.id));
      return { skip: `waiting for ${earlier.id}, earlier in its thread`, wait: true };
    }
    await tx
      .update(mailMessages)
      .set({ status: "sending", attempts: retryCount + 1, nextAttemptAt: null })
      .where(eq(mailMessages.id, mail.id));
    return mail;
  });
}

/** After a mail of a thread went out: the thread's next waiting one, claimed for this run, if it may go now. */
async function claimNextInThread(db: Db, sent: Mail): Promise<Mail | null> {
  if (!sent.thread) return null;
  // The usual case, nothing waiting, in one statement rather than a transaction of three.
  const [waiting] = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(and(eq(mailMessages.thread, sent.thread), eq(mailMessages.status, "waiting")))
    .limit(1);
  if (!waiting) return null;
  return runTransaction(db, async (tx) => {
    const [next] = await tx
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.thread, sent.thread!), eq(mailMessages.status, "waiting")))
      .orderBy(asc(mailMessages.createdAt), asc(mailMessages.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next || (await earlierUnsent(tx, next))) return null;
    await tx
      .update(mailMessages)
      .set({ status: "sending", attempts: next.attempts + 1, nextAttemptAt: null })
      .where(eq(mailMessages.id, next.id));
    return { ...next, attempts: next.attempts + 1 };
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
 * the queue retries it with backoff; on the queue's last run it is recorded as failed instead. Once
 * sent, the thread's mails that waited for it go out in order in the same run.
 */
export async function sendMail(db: Db, data: SendMailJobData, options: SendOptions): Promise<SendReport> {
  const now = options.now ?? (() => new Date());
  const claimed = await claim(db, data, options.retryCount);
  if ("skip" in claimed) return { status: claimed.wait ? "waiting" : "skipped", why: claimed.skip };
  const report = await attempt(db, claimed, options.retryCount, now);
  let last = claimed;
  for (let i = 0; report.status === "sent" && i < FLUSH_LIMIT; i++) {
    const next = await claimNextInThread(db, last);
    if (!next) break;
    // Its own job's later runs find it sent, or retrying with this attempt counted, and take it up.
    const outcome = await attempt(db, next, next.attempts - 1, now);
    if (outcome.status !== "sent") break;
    last = next;
  }
  return report;
}

/** One delivery attempt of a claimed mail (attempt `retryCount + 1`), and its record. */
async function attempt(db: Db, mail: Mail, retryCount: number, now: () => Date) {
  const url = smtpUrl();
  const outcome: Outcome = url ? await deliver(mail, url) : { ok: true, response: null };
  const final = isFinalRun(retryCount);
  const at = now();
  const status = outcome.ok ? "sent" : final ? "failed" : "retrying";
  const error = outcome.ok
    ? null
    : final
      ? `${outcome.error} Gave up after ${retryCount + 1} attempts.`
      : outcome.error;
  await runTransaction(
    db,
    (tx) =>
      tx
        .update(mailMessages)
        .set({
          status,
          transport: url ? "smtp" : "mailbox",
          lastError: error,
          ...(outcome.ok ? { smtpResponse: outcome.response, sentAt: at } : {}),
          nextAttemptAt:
            status === "retrying"
              ? new Date(at.getTime() + minimumRetryDelaySeconds(retryCount) * 1000)
              : null,
        })
        // Only while the claim is still this run's: a run that took over after an expiry owns the row.
        .where(and(eq(mailMessages.id, mail.id), eq(mailMessages.attempts, retryCount + 1))),
    { oneStatement: true },
  );
  return { status, error, response: outcome.ok ? outcome.response : null } as const;
}
