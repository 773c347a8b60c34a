"use client";

import dynamic from "next/dynamic";
import { useActionState, useState } from "react";
import { buttonClass, compactControlClass, Label } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";
import type { ComposerPage } from "@/lib/status-pages/composer-types";
import type { PublicPhase } from "@/lib/status-pages/schemas";
import { affectedOf, ComponentStatusFields, type StatusChoice } from "./component-status-fields";
import { useFieldErrors } from "./use-field-errors";
import { BodyField, PhaseField, TitleField } from "./public-text-fields";

// The preview renders react-markdown in the browser; fetched with the composer, not with every incident page.
const PublicPreview = dynamic(() => import("./public-preview").then((m) => m.PublicPreview), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Rendering the preview…</p>,
});

const statusesOf = (page: ComposerPage | undefined): Record<string, StatusChoice> =>
  Object.fromEntries(page?.draft.components.map((c) => [c.componentId, c.status]) ?? []);

/** The first public update of an incident: page, title, Markdown, phase and component statuses, previewed live. */
export function PublicIncidentComposer({
  incidentId,
  pages,
  publish,
}: {
  incidentId: string;
  pages: ComposerPage[];
  publish: FormAction;
}) {
  const [state, action, pending] = useActionState(publish, idleState);
  const [pageId, setPageId] = useState(pages[0]?.id ?? "");
  const page = pages.find((p) => p.id === pageId) ?? pages[0];
  const [title, setTitle] = useState(page?.draft.title ?? "");
  const [body, setBody] = useState(page?.draft.body ?? "");
  const [phase, setPhase] = useState<PublicPhase>("investigating");
  const [statuses, setStatuses] = useState(() => statusesOf(page));
  const { errors, shown, edit } = useFieldErrors(state);

  function choosePage(id: string) {
    const next = pages.find((p) => p.id === id);
    setPageId(id);
    // Another page has other components: its own draft replaces the text and the statuses.
    setTitle(next?.draft.title ?? "");
    setBody(next?.draft.body ?? "");
    setStatuses(statusesOf(next));
  }

  const now = new Date().toISOString();
  const affected = affectedOf(page?.components ?? [], statuses);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="incidentId" value={incidentId} />
      <div>
        <Label htmlFor="public-page">Status page</Label>
        <select
          id="public-page"
          name="pageId"
          value={pageId}
          onChange={(e) => choosePage(e.target.value)}
          className={compactControlClass}
        >
          {pages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} (/status/{p.slug}){p.isDefault ? " · default" : ""}
            </option>
          ))}
        </select>
      </div>
      <TitleField
        id="public-title"
        value={title}
        onChange={(v) => {
          edit("title");
          setTitle(v);
        }}
        error={errors.title}
      />
      <BodyField
        id="public-body"
        value={body}
        onChange={(v) => {
          edit("body");
          setBody(v);
        }}
        error={errors.body}
      />
      <PhaseField
        id="public-phase"
        value={phase}
        onChange={(v) => {
          edit("phase");
          setPhase(v);
        }}
        error={errors.phase}
      />
      <ComponentStatusFields
        idPrefix="public"
        components={page?.components ?? []}
        value={statuses}
        onChange={(componentId, status) => {
          edit("components");
          setStatuses((s) => ({ ...s, [componentId]: status }));
        }}
        error={errors.components}
      />
      <div>
        <p className="mb-1.5 text-sm font-medium text-slate-800 dark:text-slate-200">
          Preview: as customers will see it
        </p>
        <PublicPreview
          timeZone={page?.timeZone ?? "UTC"}
          incident={{
            id: "preview",
            title: title || "(no title yet)",
            phase,
            createdAt: now,
            updatedAt: now,
            resolvedAt: phase === "resolved" ? now : null,
            components: phase === "resolved" ? [] : affected.filter((c) => c.status !== "operational"),
            updates: [
              { id: "preview-update", phase, title, body: body || " ", components: affected, createdAt: now },
            ],
          }}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={pending || !page} className={buttonClass}>
          {pending ? "Publishing…" : `Publish to ${page?.name ?? "the status page"}`}
        </button>
        <span className="text-xs text-slate-500 dark:text-slate-400">Customers see it at once.</span>
      </div>
      <FormMessage state={shown} />
    </form>
  );
}
