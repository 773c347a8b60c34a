import type { Metadata } from "next";
import { ConfirmPageLink } from "@/components/paging/confirm-page-link";
import { previewPageLinkRequest } from "@/lib/paging/act-on-link";
import { actOnPageLinkAction } from "./actions";

// The token is a credential: never sent on to another site as a Referer.
export const metadata: Metadata = { title: "Confirm", referrer: "no-referrer", robots: "noindex" };
export const dynamic = "force-dynamic";

const card =
  "mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900";

/** Opening the link only shows what it would do: mail scanners fetch links, people press the button. */
export default async function PageLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const preview = await previewPageLinkRequest(token);
  if (!preview.valid)
    return (
      <div className={card}>
        <h1 className="mb-2 text-xl font-semibold tracking-tight">This link cannot be used</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">{preview.reason}</p>
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Sign in to act on the page from the product instead.
        </p>
      </div>
    );
  const { page, action, userName } = preview;
  return (
    <div className={card}>
      <h1 className="mb-1 text-xl font-semibold tracking-tight">
        {action === "acknowledge" ? "Acknowledge this page?" : "Resolve this page?"}
      </h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        As {userName}. {action === "acknowledge" ? "Escalation stops; you are answering it." : "Paging ends."}
      </p>
      <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Page</dt>
        <dd className="font-medium">{page.title}</dd>
        <dt className="text-slate-500">State</dt>
        <dd>{page.state}</dd>
        <dt className="text-slate-500">Urgency</dt>
        <dd>{page.urgency}</dd>
      </dl>
      <ConfirmPageLink token={token} action={action} act={actOnPageLinkAction} />
    </div>
  );
}
