// Who is on call, as pure arithmetic over a rotation and its overrides: no database, no clock.

export type Rotation = { userIds: readonly string[]; handoffHours: number; startsAt: Date };
export type Override = { id: number; userId: string; startsAt: Date; endsAt: Date; createdAt: Date };
/** Whether a user may be on call right now (a responder or admin); the rotation itself is not changed by it. */
export type Eligible = (userId: string) => boolean;

const HOUR = 3_600_000;
const always: Eligible = () => true;

/**
 * The rotation member whose turn covers `at`: turn k runs over [startsAt + k·handoff, startsAt + (k+1)·handoff)
 * and belongs to member k mod n. Before `startsAt` the rotation has not begun, so nobody.
 */
export function rotationUserAt(rotation: Rotation | null, at: Date): string | null {
  if (!rotation || rotation.userIds.length === 0) return null;
  const elapsed = at.getTime() - rotation.startsAt.getTime();
  if (elapsed < 0) return null;
  const turn = Math.floor(elapsed / (rotation.handoffHours * HOUR));
  return rotation.userIds[turn % rotation.userIds.length];
}

/** Overrides covering `at` ([startsAt, endsAt)), newest first: the newest one wins where several overlap. */
function coveringOverrides(overrides: readonly Override[], at: Date): Override[] {
  const t = at.getTime();
  return overrides
    .filter((o) => o.startsAt.getTime() <= t && t < o.endsAt.getTime())
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
}

/**
 * Who is on call at `at`: the newest eligible override covering it, else the rotation's member for that
 * turn if eligible, else nobody. An ineligible member's turn is not handed to someone else: a person who
 * is not on call would otherwise be paged without knowing it.
 */
export function onCallAt(
  rotation: Rotation | null,
  overrides: readonly Override[],
  at: Date,
  eligible: Eligible = always,
): string | null {
  const override = coveringOverrides(overrides, at).find((o) => eligible(o.userId));
  if (override) return override.userId;
  const member = rotationUserAt(rotation, at);
  return member && eligible(member) ? member : null;
}

export type HandOff = { userId: string | null; at: Date };

/**
 * The next hand-off after `at`: when the answer of onCallAt next changes and who (or nobody) it changes
 * to. Null when it never changes (one member and no overrides ahead). Candidates are turn boundaries and
 * override edges; between two edges the covering overrides stay the same, and the rotation repeats every
 * n turns, so n + 1 turns without a change mean none until the next edge.
 */
export function nextOnCall(
  rotation: Rotation | null,
  overrides: readonly Override[],
  at: Date,
  eligible: Eligible = always,
): HandOff | null {
  const t = at.getTime();
  const current = onCallAt(rotation, overrides, at, eligible);
  const edges = [
    ...new Set(overrides.flatMap((o) => [o.startsAt.getTime(), o.endsAt.getTime()]).filter((e) => e > t)),
  ].sort((a, b) => a - b);
  const members = rotation?.userIds.length ?? 0;
  const length = rotation ? rotation.handoffHours * HOUR : 0;
  const start = rotation?.startsAt.getTime() ?? 0;
  // The first turn boundary at or after `from` (strictly after when `strict`).
  const turnFrom = (from: number, strict: boolean) => {
    if (from < start) return start;
    const k = Math.ceil((from - start) / length);
    const boundary = start + k * length;
    return strict && boundary <= from ? boundary + length : boundary;
  };
  let turn: number | null = members > 0 ? turnFrom(t, true) : null;
  let quietTurns = 0;
  let i = 0;
  while (turn !== null || i < edges.length) {
    let point: number;
    if (turn !== null && (i >= edges.length || turn <= edges[i])) {
      point = turn;
      if (i < edges.length && edges[i] === turn) i++;
      turn += length;
      quietTurns++;
    } else {
      point = edges[i++];
      quietTurns = 0;
    }
    const who = onCallAt(rotation, overrides, new Date(point), eligible);
    if (who !== current) return { userId: who, at: new Date(point) };
    if (turn !== null && quietTurns > members) {
      if (i >= edges.length) return null;
      turn = turnFrom(edges[i], false);
      quietTurns = 0;
    }
  }
  return null;
}
