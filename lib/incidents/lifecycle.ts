import { DomainError } from "@/lib/errors";

export const STATUSES = ["declared", "investigating", "mitigated", "resolved"] as const;
export type Status = (typeof STATUSES)[number];

/**
 * The whole lifecycle in one table: which status may follow which, and what the move means.
 * Forward moves may skip phases (a false alarm goes declared → resolved). Going back to
 * investigating is allowed when impact returns (from mitigated) or to reopen (from resolved).
 */
export const TRANSITIONS: Record<Status, Partial<Record<Status, "advance" | "regress" | "reopen">>> = {
  declared: { investigating: "advance", mitigated: "advance", resolved: "advance" },
  investigating: { mitigated: "advance", resolved: "advance" },
  mitigated: { investigating: "regress", resolved: "advance" },
  resolved: { investigating: "reopen" },
};

export function allowedTransitions(from: Status): Status[] {
  return STATUSES.filter((to) => TRANSITIONS[from][to] !== undefined);
}

export type PhaseFields = {
  status: Status;
  createdAt: Date;
  investigatingAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  mitigationSummary: string | null;
  resolutionSummary: string | null;
  durationSeconds: number | null;
  reopenCount: number;
};

/** The lifecycle's fields of an incident row (which stores its status as plain text), and nothing else. */
export function phaseFieldsOf(row: Omit<PhaseFields, "status"> & { status: string }): PhaseFields {
  return {
    status: row.status as Status,
    createdAt: row.createdAt,
    investigatingAt: row.investigatingAt,
    mitigatedAt: row.mitigatedAt,
    resolvedAt: row.resolvedAt,
    mitigationSummary: row.mitigationSummary,
    resolutionSummary: row.resolutionSummary,
    durationSeconds: row.durationSeconds,
    reopenCount: row.reopenCount,
  };
}

export type TransitionCommand = {
  to: Status;
  mitigationSummary?: string | null;
  resolutionSummary?: string | null;
  /** When the incident was resolved, if the caller knows better than "now". */
  resolvedAt?: Date | null;
};

export type TransitionEvent = {
  kind: "status_changed";
  data: { from: Status; to: Status; reason: "advance" | "regress" | "reopen"; summary?: string };
};

const filled = (value: string | null | undefined) => (value ?? "").trim().length > 0;

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Pure: (current phase fields, command, now) → new phase fields + the timeline event, or a
 * DomainError. Phases skipped on the way forward get the transition time, so every resolved
 * incident has all phase timestamps and MTTI / MTTM stay defined.
 */
export function applyTransition(
  current: PhaseFields,
  command: TransitionCommand,
  now: Date,
): { next: PhaseFields; event: TransitionEvent } {
  const from = current.status;
  const to = command.to;
  const reason = TRANSITIONS[from][to];
  if (!reason) {
    const allowed = allowedTransitions(from);
    throw new DomainError(
      "invalid_transition",
      `An incident cannot move from ${from} to ${to}.` +
        (allowed.length ? ` From ${from} it can move to: ${allowed.join(", ")}.` : ""),
      {
        errors: [{ path: "status", message: `Cannot move from ${from} to ${to}.` }],
        extra: { from, to, allowed },
      },
    );
  }
  if (to === "mitigated" && !filled(command.mitigationSummary)) {
    throw new DomainError("validation", "Moving to mitigated needs a mitigation summary.", {
      errors: [
        { path: "mitigationSummary", message: "Say how user impact was reduced (required for mitigated)." },
      ],
    });
  }
  if (to === "resolved" && !filled(command.resolutionSummary)) {
    throw new DomainError("validation", "Moving to resolved needs a resolution summary.", {
      errors: [
        { path: "resolutionSummary", message: "Say what fixed the root cause (required for resolved)." },
      ],
    });
  }

  const next: PhaseFields = { ...current, status: to };
  let at = now;
  if (to === "resolved" && command.resolvedAt) {
    at = command.resolvedAt;
    // Phases stay in order: resolving "before" the incident was picked up or mitigated would make
    // MTTA or MTTM longer than MTTR. The client's clock gets the same 5 minutes of slack into the past
    // as into the future (the last phase change was stamped by our clock); within it, the time is
    // taken as the last phase change itself, so the order still holds.
    const latestPhase = Math.max(
      current.createdAt.getTime(),
      current.investigatingAt?.getTime() ?? 0,
      current.mitigatedAt?.getTime() ?? 0,
    );
    if (at.getTime() < current.createdAt.getTime() - MAX_CLOCK_SKEW_MS) {
      throw new DomainError("validation", "resolvedAt is before the incident was declared.", {
        errors: [{ path: "resolvedAt", message: "Must not be before the declaration time." }],
      });
    }
    if (at.getTime() < latestPhase - MAX_CLOCK_SKEW_MS) {
      throw new DomainError("validation", "resolvedAt is before the incident's last phase change.", {
        errors: [
          { path: "resolvedAt", message: `Must not be before ${new Date(latestPhase).toISOString()}.` },
        ],
      });
    }
    if (at.getTime() < latestPhase) at = new Date(latestPhase);
    if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
      throw new DomainError("validation", "resolvedAt is in the future.", {
        errors: [{ path: "resolvedAt", message: "Must not be in the future." }],
      });
    }
  }

  if (to === "investigating") {
    next.investigatingAt = current.investigatingAt ?? at;
    next.mitigatedAt = null;
    next.resolvedAt = null;
    next.durationSeconds = null;
    if (reason === "reopen") next.reopenCount = current.reopenCount + 1;
  }
  if (to === "mitigated") {
    next.investigatingAt = current.investigatingAt ?? at;
    next.mitigatedAt = at;
    next.mitigationSummary = command.mitigationSummary!.trim();
  }
  if (to === "resolved") {
    next.investigatingAt = current.investigatingAt ?? at;
    next.mitigatedAt = current.mitigatedAt ?? at;
    next.resolvedAt = at;
    next.resolutionSummary = command.resolutionSummary!.trim();
    if (filled(command.mitigationSummary)) next.mitigationSummary = command.mitigationSummary!.trim();
    next.durationSeconds = Math.max(0, Math.round((at.getTime() - current.createdAt.getTime()) / 1000));
  }

  const summary =
    to === "mitigated" ? next.mitigationSummary : to === "resolved" ? next.resolutionSummary : undefined;
  return {
    next,
    event: { kind: "status_changed", data: { from, to, reason, ...(summary ? { summary } : {}) } },
  };
}
