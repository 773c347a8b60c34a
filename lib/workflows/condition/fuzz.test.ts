import { describe, expect, it } from "vitest";
import { type ConditionNode, ConditionSyntaxError, FIELDS, parseCondition, printCondition } from "./index";

/** mulberry32: a small seeded PRNG, so every run tries the same inputs and a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = [..."abcdefghijklmnopqrstuvwxyzANDORNOTIN0123456789 -_./:=!()[],'\"\\\n\t<>é🙂\u0000"];
const TOKENS = [
  "severity",
  "service",
  "labels.team",
  "labels.",
  "title",
  "=",
  "!=",
  "in",
  "NOT",
  "not in",
  "AND",
  "or",
  "(",
  ")",
  "[",
  "]",
  ",",
  "critical",
  "payment-service",
  '"quoted \\" value"',
  "'single'",
  '"open',
  "\\",
  "!",
  " ",
  "\n",
];

/** Parses, and if that works, checks the printed form parses back to the same tree. */
function check(source: string): "parsed" | "refused" {
  let node: ConditionNode;
  try {
    node = parseCondition(source);
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError))
      throw new Error(`${JSON.stringify(source)} threw ${String(error)}`);
    // Plain checks, not expect(): this runs thousands of times.
    if (error.offset < 0 || error.offset > source.length || error.column < 1)
      throw new Error(`${JSON.stringify(source)}: position out of range (${error.offset})`);
    return "refused";
  }
  const printed = printCondition(node);
  const again = parseCondition(printed);
  if (JSON.stringify(again) !== JSON.stringify(node))
    expect(again, `${JSON.stringify(source)} printed as ${JSON.stringify(printed)}`).toEqual(node);
  return "parsed";
}

function randomNode(next: () => number, depth: number): ConditionNode {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const value = () =>
    pick(["critical", "and", "", "x y", 'q"', "a\\b", "\n", "payment-service", "é", "IN", "/v1:2"]);
  const field = () => pick([...FIELDS, "labels.team", "labels.app.kubernetes.io/name"] as const);
  const roll = depth > 4 ? next() * 0.5 : next();
  if (roll < 0.25) return { type: "compare", field: field(), op: pick(["=", "!="] as const), value: value() };
  if (roll < 0.5)
    return {
      type: "in",
      field: field(),
      negated: next() < 0.5,
      values: Array.from({ length: 1 + Math.floor(next() * 3) }, value),
    };
  if (roll < 0.6) return { type: "not", operand: randomNode(next, depth + 1) };
  return {
    type: next() < 0.5 ? "and" : "or",
    left: randomNode(next, depth + 1),
    right: randomNode(next, depth + 1),
  };
}

// Generous timeouts: the loops are CPU-bound and the machine may be shared; nothing here measures speed.
describe("fuzz (seeded)", { timeout: 60_000 }, () => {
  it("5,000 random character strings throw nothing but ConditionSyntaxError", () => {
    const next = prng(20260315);
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(next() * 40);
      check(Array.from({ length }, () => CHARS[Math.floor(next() * CHARS.length)]).join(""));
    }
  });

  it("5,000 mutated conditions either parse and round-trip or throw ConditionSyntaxError", () => {
    const next = prng(42);
    const outcomes = { parsed: 0, refused: 0 };
    for (let n = 0; n < 5000; n++) {
      // A valid condition with random case and spacing, then 0–2 random edits with tokens or characters.
      let source = printCondition(randomNode(next, 2))
        .split(" ")
        .map((word) => (next() < 0.3 ? word.toLowerCase() : word))
        .join(next() < 0.5 ? " " : "\n  ");
      for (let edits = Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * (source.length + 1));
        const insert =
          next() < 0.5
            ? TOKENS[Math.floor(next() * TOKENS.length)]
            : CHARS[Math.floor(next() * CHARS.length)];
        source =
          source.slice(0, at) + (next() < 0.5 ? insert : "") + source.slice(at + Math.floor(next() * 3));
      }
      outcomes[check(source)]++;
    }
    // Both branches must really be exercised, or the round-trip half proves nothing.
    expect(outcomes.parsed).toBeGreaterThan(500);
    expect(outcomes.refused).toBeGreaterThan(500);
  });

  it("2,000 random trees print to text that parses back to the same tree", () => {
    const next = prng(7);
    for (let n = 0; n < 2000; n++) {
      const node = randomNode(next, 0);
      expect(parseCondition(printCondition(node))).toEqual(node);
    }
  });
});
