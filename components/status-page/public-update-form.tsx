"use client";

import dynamic from "next/dynamic";
import { useActionState, useState } from "react";
import { buttonClass } from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";
import type { LinkedPublicIncident } from "@/lib/status-pages/composer-types";
import type { PublicPhase } from "@/lib/status-pages/schemas";
import { affectedOf, ComponentStatusFields, type StatusChoice } from "./component-status-fields";
import { useFieldErrors } from "./use-field-errors";
import { BodyField, PhaseField } from "./public-text-fields";

const PublicPreview = dynamic(() => import("./public-preview").then((m) => m.PublicPreview), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Rendering the preview…</p>,
});

const NEXT_PHASE: Record<PublicPhase, PublicPhase> = {
  investigating: "identified",
  identified: "monitoring",
  monitoring: "resolved",
  resolved: "resolved",
};

// Starting points in plain words; a text the Communicator edited is never replaced.
const TEMPLATES: Record<PublicPhase, string> = {
  investigating: "We are still investigating. We will post another update within 30 minutes.",
  identified:
    "We have found the cause and are working on a fix. We will post another update within 30 minutes.",
  monitoring: "A fix is in place and we are watching the results.",
  resolved: "This incident is resolved: everything works normally again. We are sorry for the trouble.",
};

/** A follow-up public update; choosing "Resolved" puts every named component back to operational. */
export function PublicUpdateForm({
  incidentId,
  linked,
  post,
}: {
  incidentId: string;
  linked: LinkedPublicIncident;
  post: FormAction;
}) {
  const [state, action, pending] = useActionState(post, idleState);
  const current = Object.fromEntries(
    linked.components.flatMap((c) => (c.status ? [[c.id, c.status]] : [])),
  ) as Record<string, StatusChoice>;
  const [phase, setPhaseState] = useState<PublicPhase>(NEXT_PHASE[linked.phase]);
  const [body, setBody] = useState(TEMPLATES[NEXT_PHASE[linked.phase]]);
  const resolvedStatuses = () =>
    Object.fromEntries(Object.keys(current).map((id) => [id, "operational"])) as Record<string, StatusChoice>;
  const [statuses, setStatuses] = useState(() => (phase === "resolved" ? resolvedStatuses() : current));
  const { errors, shown, edit } = useFieldErrors(state);

  function setPhase(next: PublicPhase) {
    if (body.trim() === TEMPLATES[phase]) setBody(TEMPLATES[next]);
    setStatuses(next === "resolved" ? resolvedStatuses() : current);
    setPhaseState(next);
  }

  const now = new Date().toISOString();
  const affected = affectedOf(linked.components, statuses);
  const prefix = `follow-${linked.id}`;
  return (
    <form action={action} className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800">
      <h3 className="text-sm font-semibold">Post a public update</h3>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="pageId" value={linked.page.id} />
      <input type="hidden" name="publicIncidentId" value={linked.id} />
      <PhaseField
        id={`${prefix}-phase`}
        value={phase}
        onChange={(v) => {
          edit("phase");
          setPhase(v);
        }}
        error={errors.phase}
      />
      <BodyField
        id={`${prefix}-body`}
        value={body}
        onChange={(v) => {
          edit("body");
          setBody(v);
        }}
        error={errors.body}
      />
      <ComponentStatusFields
        idPrefix={prefix}
        components={linked.components}
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
          timeZone={linked.page.timeZone}
          incident={{
            id: linked.id,
            title: linked.title,
            phase,
            createdAt: linked.createdAt.toISOString(),
            updatedAt: now,
            resolvedAt: phase === "resolved" ? now : null,
            components: phase === "resolved" ? [] : affected.filter((c) => c.status !== "operational"),
            updates: [
              {
                id: "preview-update",
                phase,
                title: linked.title,
                body: body || " ",
                components: affected,
                createdAt: now,
              },
              ...linked.updates.map((u) => ({
                ...u,
                components: [],
                createdAt: u.createdAt.toISOString(),
              })),
            ],
          }}
        />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Posting…" : phase === "resolved" ? "Resolve on the status page" : "Post public update"}
      </button>
      <FormMessage state={shown} />
    </form>
  );
}
