import type { Metadata } from "next";
import { AddContactMethodForm } from "@/components/contact-methods/add-contact-method-form";
import {
  DeleteMethodButton,
  SendCodeButton,
  VerifyCodeForm,
} from "@/components/contact-methods/contact-method-controls";
import { NotificationRulesForm } from "@/components/contact-methods/notification-rules-form";
import { NotAllowed } from "@/components/not-allowed";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listContactMethods } from "@/lib/paging/contacts/list-contact-methods";
import { listNotificationRules } from "@/lib/paging/contacts/list-notification-rules";
import { TYPE_LABELS, URGENCIES } from "@/lib/paging/contacts/schemas";
import {
  createContactMethodAction,
  deleteContactMethodAction,
  saveNotificationRulesAction,
  sendVerificationAction,
  verifyContactMethodAction,
} from "./actions";

export const metadata: Metadata = { title: "Paging" };

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
const warning =
  "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100";

const URGENCY_TEXT = {
  high: "High urgency (SEV1, SEV2 and critical alerts by default)",
  low: "Low urgency",
} as const;

export default async function PagingSettingsPage() {
  const page = await loadPage("/settings/paging", async (db, actor) => {
    const methods = await listContactMethods(db, actor);
    const rules = await Promise.all(URGENCIES.map((u) => listNotificationRules(db, actor, u)));
    return { methods: methods.items, rules };
  });
  if (!page.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Paging</h1>
        <NotAllowed role={page.role} message={page.message}>
          Responders and admins can be paged; they set here how to reach them.
        </NotAllowed>
      </section>
    );
  }
  const { methods, rules } = page.data;
  const verified = methods.filter((m) => m.verified);
  const noRules = rules.every((r) => r.rules.length === 0);
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Paging</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
          How you are reached when a page reaches you: by mail, in a chat channel or by a signed webhook. A
          method is used only once you have entered the code sent to it.
        </p>
      </div>
      {verified.length === 0 && (
        <p role="alert" className={warning}>
          No verified contact method: you cannot be paged. Escalation skips you until you verify one.
        </p>
      )}
      {verified.length > 0 && noRules && (
        <p role="status" className={warning}>
          You have no notification rules: every verified method is used at once.
        </p>
      )}

      <div className={card}>
        <h2 className="mb-3 text-sm font-semibold">Contact methods</h2>
        {methods.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">None yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {methods.map((m) => (
              <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="text-sm font-medium">
                    {m.label}{" "}
                    <span className="font-normal text-slate-500 dark:text-slate-400">
                      · {TYPE_LABELS[m.type]}
                    </span>
                  </p>
                  <p className="break-all text-xs text-slate-500 dark:text-slate-400">{m.address}</p>
                  <p className="mt-1 text-xs">
                    {m.verified ? (
                      <span className="text-emerald-700 dark:text-emerald-300">
                        Verified {m.verifiedAt ? formatUtc(m.verifiedAt) : ""}
                      </span>
                    ) : (
                      <span className="text-amber-700 dark:text-amber-300">
                        Not verified{m.verificationPending ? ": a code was sent" : ""}
                      </span>
                    )}
                  </p>
                </div>
                <div className="flex flex-wrap items-start gap-2">
                  {!m.verified && <SendCodeButton id={m.id} label={m.label} send={sendVerificationAction} />}
                  {!m.verified && m.verificationPending && (
                    <VerifyCodeForm id={m.id} label={m.label} verify={verifyContactMethodAction} />
                  )}
                  <DeleteMethodButton id={m.id} label={m.label} remove={deleteContactMethodAction} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className={card}>
        <h2 className="mb-3 text-sm font-semibold">Add a contact method</h2>
        <AddContactMethodForm
          create={createContactMethodAction}
          types={Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </div>

      {rules.map((r) => (
        <div key={r.urgency} className={card}>
          <h2 className="mb-1 text-sm font-semibold">Notification rules: {URGENCY_TEXT[r.urgency]}</h2>
          <p className="mb-3 text-xs text-slate-500 dark:text-slate-400">
            “Email at once, chat after 1 minute”: each verified method and the minutes after the page before
            it is used (0 to 1440).
            {r.usingDefault && " None yet: every verified method is used at once."}
          </p>
          {verified.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">
              Verify a contact method to add rules.
            </p>
          ) : (
            <NotificationRulesForm
              // A saved list comes back as the form's new starting point.
              key={r.rules.map((x) => `${x.contactMethodId}:${x.delayMinutes}`).join(",")}
              urgency={r.urgency}
              methods={verified.map((m) => ({ id: m.id, label: m.label, type: m.type }))}
              rules={r.rules}
              save={saveNotificationRulesAction}
            />
          )}
        </div>
      ))}
    </section>
  );
}
