import type { z } from "zod";
import { fromZodError, validationError } from "@/lib/errors";

/**
 * Paths of strings holding a NUL character, which PostgreSQL cannot store in text. Walked without
 * recursion: a 64 KB body can nest 30,000 levels deep, and a stack overflow would be a 500.
 */
function nulPaths(input: unknown): string[] {
  type Step = { key: string; parent: Step | null } | null;
  const pathOf = (step: Step): string => {
    const keys: string[] = [];
    for (let at = step; at; at = at.parent) keys.push(at.key);
    return keys.reverse().join(".");
  };
  const found: string[] = [];
  const stack: Array<[unknown, Step]> = [[input, null]];
  while (stack.length > 0 && found.length < 20) {
    const [value, step] = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) found.push(pathOf(step));
    } else if (value && typeof value === "object") {
      // Pushed last to first, so paths are reported in the order of the input.
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push([entries[i][1], { key: entries[i][0], parent: step }]);
    }
  }
  return found;
}

/** Use cases re-validate whatever they are given, so no adapter can skip a rule. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulPaths(input);
  if (nul.length) throw validationError(nul.map((path) => ({ path, message: "Contains a NUL character." })));
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

export type UseCaseOptions = {
  /** The clock; the demo loader replays history with it. */
  now?: Date;
};

/**
 * The command's time, read after its locks are taken: a command that waited for another commits
 * after it and so must not carry an earlier time (the timeline and phase times stay in order).
 */
export const clock = (options: UseCaseOptions) => options.now ?? new Date();
