"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/http/action-state";
import type { LinkCard } from "@/lib/incidents/link-cards";
import { formatUtc } from "@/lib/format";
import { FormMessage, idleState } from "@/components/form/form-message";
import { Sparkline, trendLabel } from "@/components/signals/sparkline";
import { IncidentFields } from "./incident-fields";

const ROLE_LABELS = { suspected_cause: "Suspected cause", fix: "Fix" } as const;

const id = (text: string) => <span className="break-all font-mono text-xs">{text}</span>;
const NotKnown = () => (
  <span className="ml-1 rounded bg-slate-100 px-1 text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">
    not known here
  </span>
);

/** What is known of one linked item: counts and trend, version and commit, value vs threshold, or a trace link. */
export function LinkCardBody({ card }: { card: LinkCard }) {
  const { link } = card;
  if (card.type === "trace") {
    return (
      <div data-card="trace">
        {card.detail.url ? (
          <a
            href={card.detail.url}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="break-all font-mono text-xs underline"
          >
            {link.targetId}
          </a>
        ) : (
          id(link.targetId)
        )}
        <p className="text-[11px] text-slate-500">
          {card.detail.url ? "Opens in the tracing tool" : "Set TRACE_URL_TEMPLATE to open traces"}
        </p>
      </div>
    );
  }
  if (!card.detail)
    return (
      <div data-card="unknown">
        {id(link.targetId)}
        <NotKnown />
      </div>
    );
  if (card.type === "error_group") {
    const g = card.detail;
    return (
      <div data-card="error_group" className="space-y-0.5">
        <p className="truncate text-sm font-medium" title={g.title}>
          {g.title}
        </p>
        <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
          <span className="tabular-nums">{g.count.toLocaleString("en-US")} events</span>
          <span className="tabular-nums">{g.usersAffected.toLocaleString("en-US")} users</span>
          <Sparkline values={g.trend} label={trendLabel(g.trend)} />
        </div>
        <p className="text-[11px] text-slate-500">
          {g.service} · last seen {formatUtc(g.lastSeen)}
        </p>
      </div>
    );
  }
  if (card.type === "release") {
    const r = card.detail;
    return (
      <div data-card="release" className="space-y-0.5">
        <p className="text-sm font-medium">
          {r.service}{" "}
          {r.url ? (
            <a href={r.url} target="_blank" rel="noopener noreferrer nofollow" className="underline">
              {r.version}
            </a>
          ) : (
            r.version
          )}
          {link.role && (
            <span className="ml-1.5 rounded bg-amber-100 px-1 text-[11px] font-normal text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              {ROLE_LABELS[link.role]}
            </span>
          )}
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {formatUtc(r.deployedAt)}
          {r.commit && (
            <>
              {" "}
              · <span className="font-mono">{r.commit.slice(0, 7)}</span>
            </>
          )}{" "}
          · {r.deployedBy}
        </p>
      </div>
    );
  }
  const a = card.detail;
  return (
    <div data-card="alert" className="space-y-0.5">
      <p className="truncate text-sm font-medium">{a.title}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {a.state}
        {a.value !== null && (
          <>
            {" "}
            · value {a.value}
            {a.threshold !== null && <> vs threshold {a.threshold}</>}
          </>
        )}
      </p>
    </div>
  );
}

/** Marks a linked release as the suspected cause or the fix (the choice is recorded on the timeline). */
export function MarkRelease({
  incidentId,
  card,
  markLink,
}: {
  incidentId: string;
  card: LinkCard;
  markLink: FormAction;
}) {
  const [state, action, pending] = useActionState(markLink, idleState);
  const current = card.link.role ?? "";
  return (
    <form action={action} className="mt-1 flex flex-wrap items-center gap-1">
      <IncidentFields incidentId={incidentId} />
      <input type="hidden" name="type" value={card.link.type} />
      <input type="hidden" name="targetId" value={card.link.targetId} />
      {(["suspected_cause", "fix", ""] as const)
        .filter((role) => role !== current)
        .map((role) => (
          <button
            key={role || "clear"}
            type="submit"
            name="role"
            value={role}
            disabled={pending}
            className="rounded border border-slate-200 px-1.5 text-[11px] text-slate-600 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            {role ? `Mark as ${ROLE_LABELS[role].toLowerCase()}` : "Clear mark"}
          </button>
        ))}
      <FormMessage state={state} />
    </form>
  );
}
