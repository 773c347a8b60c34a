import { z } from "zod";

// Free-form JSON from alert senders (annotations, PagerDuty custom_details) is stored and shown on the
// alert page. Unbounded nesting made an 8 KB payload render a 64 MB page (and overflow the stack past
// ~5,000 levels), so every such field is held to a depth and a size at ingest.

export const MAX_JSON_DEPTH = 8;
export const MAX_JSON_FIELD_BYTES = 16 * 1024;

/**
 * How deep `value` nests (a scalar is 0, `{a: 1}` is 1), counted without recursion so that a hostile
 * payload cannot overflow the stack; stops counting once past `limit`.
 */
export function jsonDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, level]);
  }
  return deepest;
}

/** Bytes of the value as JSON (UTF-8); only called once the depth is known to be small. */
export const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");

const DEPTH_MESSAGE = `Nested more than ${MAX_JSON_DEPTH} levels deep.`;
const SIZE_MESSAGE = `Larger than ${MAX_JSON_FIELD_BYTES / 1024} KB as JSON.`;

/** A JSON value of at most MAX_JSON_DEPTH levels and MAX_JSON_FIELD_BYTES bytes. */
export const boundedJson = z.unknown().superRefine((value, ctx) => {
  if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    ctx.addIssue({ code: "custom", message: DEPTH_MESSAGE });
  else if (jsonBytes(value) > MAX_JSON_FIELD_BYTES) ctx.addIssue({ code: "custom", message: SIZE_MESSAGE });
});

/** A string field of at most MAX_JSON_FIELD_BYTES bytes (UTF-8). */
export const boundedText = z
  .string()
  .refine((value) => Buffer.byteLength(value, "utf8") <= MAX_JSON_FIELD_BYTES, SIZE_MESSAGE);
