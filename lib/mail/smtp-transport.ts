import nodemailer, { type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { SMTP_MAX_CONNECTIONS } from "./send-job-spec";

// Each bound stays far below the send job's 120 s expiry: a send still running when the queue hands
// the job to another worker would be sent twice.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

let current: { url: string; transport: Transporter<SMTPPool.SentMessageInfo> } | null = null;

/**
 * The process's one transport for SMTP_URL: `smtp://` upgrades with STARTTLS when the server offers
 * it, `smtps://` is TLS from the start; query parameters (`?tls.rejectUnauthorized=false`) are
 * nodemailer's options. A changed URL (tests) replaces it.
 */
export function smtpTransport(url: string): Transporter<SMTPPool.SentMessageInfo> {
  if (current?.url === url) return current.transport;
  current?.transport.close();
  // Pooled: a page's mail does not wait for a TCP connect, greeting and EHLO (and TLS) of its own.
  // As many connections as the send job's workers, so no send queues behind another in the pool.
  const transport = nodemailer.createTransport({
    ...TIMEOUTS,
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    ...parseConnectionUrl(url),
  });
  current = { url, transport };
  return transport;
}
