import type { MailTransportInfo } from "@/lib/mail/mail-config";

/** Says whether mail leaves this machine: the first thing an admin looking for a page needs to know. */
export function TransportBanner({ info }: { info: MailTransportInfo }) {
  if (info.mode === "mailbox")
    return (
      <p
        role="status"
        className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
      >
        <strong>Mail is not being sent:</strong> SMTP_URL is not set; messages are kept in this local mailbox.
      </p>
    );
  return (
    <p
      role="status"
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
    >
      Sending through SMTP host <code>{info.host}</code>.
    </p>
  );
}
