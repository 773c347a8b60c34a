import type { z } from "zod";
import { fromZodError } from "@/lib/errors";

/** Use cases re-validate whatever they are given, so no adapter can skip a rule. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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
