import type { Metadata } from "next";
import Link from "next/link";
import { MailStatus } from "@/components/mail/mailbox-table";
import { NotAllowed } from "@/components/not-allowed";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { getMailMessage } from "@/lib/mail/get-mail-message";

export const metadata: Metadata = { title: "Mail" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };
const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function MailMessagePage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadPage(`/settings/mail/${encodeURIComponent(id)}`, (db, actor) =>
    getMailMessage(db, actor, id),
  );
  if (!loaded.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Mail</h1>
        <NotAllowed role={loaded.role} message={loaded.message}>
          Only admins read the outgoing mail.
        </NotAllowed>
      </section>
    );
  }
  const mail = loaded.data;
  const headers: [string, string | null][] = [
    ["From", mail.from],
    ["To", mail.to],
    ["Subject", mail.subject],
    ["Date", formatUtc(mail.createdAt)],
    ["Message-ID", mail.messageId],
    ["In-Reply-To", mail.inReplyTo],
    ["References", mail.references],
    ...Object.entries(mail.headers),
  ];
  const delivery: [string, string | null][] = [
    ["Status", null],
    ["Transport", mail.transport === "mailbox" ? "local mailbox (SMTP_URL not set)" : "SMTP"],
    ["Attempts", String(mail.attempts)],
    ["Sent", mail.sentAt ? formatUtc(mail.sentAt) : null],
    ["Next attempt", mail.nextAttemptAt ? `not before ${formatUtc(mail.nextAttemptAt)}` : null],
    ["Server's answer", mail.smtpResponse],
    ["Last error", mail.lastError],
    ["Key", mail.dedupeKey],
  ];
  return (
    <section className="space-y-4">
      <p className="text-sm">
        <Link href="/settings/mail" className="underline">
          ← Mail
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight break-words">{mail.subject}</h1>
      <div className={card}>
        <h2 className="mb-2 text-sm font-semibold">Delivery</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          {delivery.map(([name, value]) =>
            name === "Status" ? (
              <div key={name} className="contents">
                <dt className="text-slate-500">Status</dt>
                <dd>
                  <MailStatus mail={mail} />
                </dd>
              </div>
            ) : value ? (
              <div key={name} className="contents">
                <dt className="text-slate-500">{name}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ) : null,
          )}
        </dl>
      </div>
      <div className={card}>
        <h2 className="mb-2 text-sm font-semibold">Headers</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 font-mono text-xs">
          {headers
            .filter(([, value]) => value)
            .map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-500">{name}:</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
        </dl>
      </div>
      <div className={card}>
        <h2 className="mb-2 text-sm font-semibold">Text part</h2>
        <pre className="whitespace-pre-wrap break-words text-sm">{mail.text}</pre>
      </div>
      {mail.html && (
        <div className={card}>
          <h2 className="mb-2 text-sm font-semibold">HTML part</h2>
          {/* sandbox="": no scripts, no forms, no same-origin access, links do not navigate this page. */}
          <iframe
            title="HTML part of the mail"
            sandbox=""
            srcDoc={mail.html}
            className="h-96 w-full rounded border border-slate-200 bg-white dark:border-slate-700"
          />
        </div>
      )}
    </section>
  );
}
