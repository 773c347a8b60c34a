import type { Metadata } from "next";
import { AutoRefresh } from "@/components/auto-refresh";
import { FilterProblem } from "@/components/filters/filter-problem";
import { MailboxTable } from "@/components/mail/mailbox-table";
import { TransportBanner } from "@/components/mail/transport-banner";
import { NotAllowed } from "@/components/not-allowed";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { listMailbox } from "@/lib/mail/list-mailbox";
import { mailTransportInfo } from "@/lib/mail/mail-config";

export const metadata: Metadata = { title: "Mail" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MailPage({ searchParams }: Props) {
  const { cursor } = await searchParams;
  const query = typeof cursor === "string" && cursor ? { cursor } : {};
  const returnTo = `/settings/mail${query.cursor ? `?${new URLSearchParams(query)}` : ""}`;
  const loaded = await loadPage(returnTo, (db, actor) => catchInvalid(listMailbox(db, actor, query)));
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
  const { value: page, problem } = loaded.data;
  const inFlight = page?.items.some((m) => m.status !== "sent" && m.status !== "failed");
  return (
    <section className="space-y-4">
      {/* While a mail is on its way its outcome shows up without a reload. */}
      {inFlight && <AutoRefresh seconds={3} />}
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Mail</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Every notification mail, newest first, with its delivery: retried with backoff on SMTP errors, each
          sent once. Times in UTC.
        </p>
      </div>
      <TransportBanner info={mailTransportInfo()} />
      {problem ? (
        <FilterProblem errors={problem.errors} reset={{ href: "/settings/mail", label: "Newest mail" }} />
      ) : (
        <MailboxTable
          mails={page?.items ?? []}
          pages={{
            first: query.cursor ? { href: "/settings/mail", label: "Newest" } : undefined,
            next: page?.nextCursor
              ? { href: `/settings/mail?${new URLSearchParams({ cursor: page.nextCursor })}`, label: "Older" }
              : undefined,
          }}
        />
      )}
    </section>
  );
}
