import type { z } from "zod";
import { fromZodError, validationError } from "@/lib/errors";

/** Paths of strings holding a NUL character, which PostgreSQL cannot store in text. */
function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found.push(path.join("."));
  } else if (value && typeof value === "object" && found.length < 20) {
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...path, key], found);
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
