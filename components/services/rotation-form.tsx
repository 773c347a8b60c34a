"use client";

import { useActionState, useState } from "react";
import type { ActionState, FormAction } from "@/lib/http/action-state";
import {
  buttonClass,
  compactControlClass,
  describedBy,
  FieldError,
  FieldHint,
  Label,
  secondaryButtonClass,
} from "@/components/form/field";
import { FormMessage, idleState } from "@/components/form/form-message";

export type Person = { id: string; name: string };
type Props = {
  slug: string;
  ownerTeam: string | null;
  memberIds: string[];
  handoffHours: number;
  startsAt: string;
  people: Person[];
  updateService: FormAction;
};

/** The first error under a path ("onCall.userIds" also finds "onCall.userIds.2"). */
const errorUnder = (state: ActionState, path: string) =>
  state.status === "error"
    ? Object.entries(state.fieldErrors).find(([key]) => key === path || key.startsWith(`${path}.`))?.[1]
    : undefined;

const exactError = (state: ActionState, path: string) =>
  state.status === "error" ? state.fieldErrors[path] : undefined;

/** Field errors sit beside their fields; the line under the form only says that nothing was saved. */
const summaryOf = (state: ActionState): ActionState =>
  state.status === "error" && Object.keys(state.fieldErrors).length
    ? { ...state, message: "Fix the marked fields; nothing was saved.", fieldErrors: {} }
    : state;

const smallButton =
  "rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800";

/** Owner team and the rotation: people in turn order (add, move, remove), the hand-off interval and the start. */
export function RotationForm({
  slug,
  ownerTeam,
  memberIds,
  handoffHours,
  startsAt,
  people,
  updateService,
}: Props) {
  const [state, action, pending] = useActionState(updateService, idleState);
  const [order, setOrder] = useState<string[]>(memberIds);
  const [candidate, setCandidate] = useState("");
  const values = state.status === "error" ? state.values : undefined;
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const available = people.filter((p) => !order.includes(p.id));
  const move = (index: number, by: number) =>
    setOrder((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  const id = (field: string) => `${slug}-${field}`;
  const errors = {
    ownerTeam: errorUnder(state, "ownerTeam"),
    people: errorUnder(state, "onCall.userIds") ?? exactError(state, "onCall"),
    hours: errorUnder(state, "onCall.handoffHours"),
    start: errorUnder(state, "onCall.startsAt"),
  };

  return (
    <form action={action} className="space-y-3" aria-label={`Rotation of ${slug}`}>
      <input type="hidden" name="slug" value={slug} />
      {order.map((userId) => (
        <input key={userId} type="hidden" name="userIds" value={userId} />
      ))}
      <div>
        <Label htmlFor={id("owner")} optional>
          Owner team
        </Label>
        <input
          id={id("owner")}
          name="ownerTeam"
          defaultValue={values?.ownerTeam ?? ownerTeam ?? ""}
          maxLength={100}
          className={compactControlClass}
          aria-invalid={!!errors.ownerTeam}
          aria-describedby={describedBy(id("owner"), { error: errors.ownerTeam })}
        />
        <FieldError id={id("owner")} message={errors.ownerTeam} />
      </div>
      <fieldset aria-describedby={describedBy(id("people"), { hint: true, error: errors.people })}>
        <legend className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          People, in turn order
        </legend>
        {order.length === 0 ? (
          <p className="text-xs text-slate-500">Nobody: saving turns the rotation off.</p>
        ) : (
          <ol className="space-y-1" aria-label="Rotation order">
            {order.map((userId, index) => (
              <li key={userId} className="flex items-center gap-2 text-sm">
                <span className="w-5 text-right text-xs text-slate-500">{index + 1}.</span>
                <span className="min-w-0 flex-1 truncate">{nameOf(userId)}</span>
                <button
                  type="button"
                  className={smallButton}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={`Move ${nameOf(userId)} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className={smallButton}
                  disabled={index === order.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={`Move ${nameOf(userId)} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className={smallButton}
                  onClick={() => setOrder((list) => list.filter((x) => x !== userId))}
                  aria-label={`Remove ${nameOf(userId)} from the rotation`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
        {available.length > 0 && (
          <div className="mt-2 flex gap-2">
            <label htmlFor={id("add")} className="sr-only">
              Person to add
            </label>
            <select
              id={id("add")}
              value={candidate}
              onChange={(e) => setCandidate(e.target.value)}
              className={compactControlClass}
            >
              <option value="">Choose a person…</option>
              {available.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={!candidate}
              onClick={() => {
                setOrder((list) => [...list, candidate]);
                setCandidate("");
              }}
            >
              Add
            </button>
          </div>
        )}
        <FieldHint id={id("people")}>Only responders and admins can be on call.</FieldHint>
        <FieldError id={id("people")} message={errors.people} />
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={id("hours")}>Hand-off every (hours)</Label>
          <input
            id={id("hours")}
            name="handoffHours"
            type="number"
            min={1}
            max={1344}
            step={1}
            required={order.length > 0}
            defaultValue={values?.handoffHours ?? handoffHours}
            className={compactControlClass}
            aria-invalid={!!errors.hours}
            aria-describedby={describedBy(id("hours"), { hint: true, error: errors.hours })}
          />
          <FieldHint id={id("hours")}>168 is weekly.</FieldHint>
          <FieldError id={id("hours")} message={errors.hours} />
        </div>
        <div>
          <Label htmlFor={id("start")}>First turn starts (UTC)</Label>
          <input
            id={id("start")}
            name="startsAt"
            type="datetime-local"
            required={order.length > 0}
            defaultValue={values?.startsAt ?? startsAt}
            className={compactControlClass}
            aria-invalid={!!errors.start}
            aria-describedby={describedBy(id("start"), { error: errors.start })}
          />
          <FieldError id={id("start")} message={errors.start} />
        </div>
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        Save rotation
      </button>
      <FormMessage state={summaryOf(state)} />
    </form>
  );
}
