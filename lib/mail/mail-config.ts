import addressparser from "nodemailer/lib/addressparser";
import { appUrl } from "@/lib/webhooks/app-url";

type Env = Record<string, string | undefined>;

export const DEFAULT_MAIL_FROM = "Incident Manager <incidents@localhost>";

export type MailTransportInfo = { mode: "smtp" | "mailbox"; host: string | null };

/** SMTP_URL, or null: without it mail stays in the local mailbox (/settings/mail). */
export function smtpUrl(env: Env = process.env): string | null {
  return env.SMTP_URL?.trim() || null;
}

export function mailFrom(env: Env = process.env): string {
  return env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
}

/**
 * The domain the Message-IDs are minted under: MAIL_FROM's when it is set (the sender owns it),
 * otherwise the product's public host, so ids stay unique to this installation.
 */
export function mailDomain(env: Env = process.env): string {
  if (env.MAIL_FROM?.trim()) {
    const [first] = addressparser(env.MAIL_FROM, { flatten: true });
    const domain = first?.address.split("@")[1];
    if (domain) return domain.toLowerCase();
  }
  try {
    return new URL(appUrl(env as NodeJS.ProcessEnv)).hostname || "localhost";
  } catch {
    return "localhost";
  }
}

/** What the mail page says about delivery; the host and port only, never the URL's credentials. */
export function mailTransportInfo(env: Env = process.env): MailTransportInfo {
  const url = smtpUrl(env);
  if (!url) return { mode: "mailbox", host: null };
  try {
    const parsed = new URL(url);
    return { mode: "smtp", host: parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname };
  } catch {
    return { mode: "smtp", host: "(SMTP_URL is not a URL)" };
  }
}
