import { describe, expect, it } from "vitest";
import {
  ConditionSyntaxError,
  evaluateCondition,
  parseCondition,
  printCondition,
  type ConditionContext,
} from "./index";

const matches = (condition: string, context: ConditionContext) =>
  evaluateCondition(parseCondition(condition), context);
const SEED = "severity = critical AND service in [payment-service, checkout-api]";

function syntaxError(source: string): ConditionSyntaxError {
  try {
    parseCondition(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionSyntaxError);
    return error as ConditionSyntaxError;
  }
  throw new Error(`"${source}" parsed`);
}

describe("the seed's example", () => {
  it("parses verbatim into AND of = and IN", () => {
    expect(parseCondition(SEED)).toEqual({
      type: "and",
      left: { type: "compare", field: "severity", op: "=", value: "critical" },
      right: { type: "in", field: "service", negated: false, values: ["payment-service", "checkout-api"] },
    });
  });

  it("matches critical alerts of payment-service and checkout-api only", () => {
    expect(matches(SEED, { severity: "critical", service: "payment-service" })).toBe(true);
    expect(matches(SEED, { severity: "critical", service: "checkout-api" })).toBe(true);
    expect(matches(SEED, { severity: "warning", service: "payment-service" })).toBe(false);
    expect(matches(SEED, { severity: "critical", service: "search-api" })).toBe(false);
    expect(matches(SEED, { severity: "Critical", service: "checkout-api" })).toBe(false);
    expect(matches(SEED, {})).toBe(false);
  });
});

describe("operators", () => {
  const ctx: ConditionContext = {
    severity: "critical",
    service: "api",
    environment: "production",
    source: "alertmanager",
    title: "Disk full",
    labels: { team: "payments", region: "eu-west-1" },
  };

  it.each([
    ["severity = critical", true],
    ["severity = warning", false],
    ["severity != warning", true],
    ["severity != critical", false],
    ["environment in [staging, production]", true],
    ["environment in [staging]", false],
    ["environment not in [staging]", true],
    ["environment NOT IN [staging, production]", false],
    ["source = alertmanager", true],
    ['title = "Disk full"', true],
    ["title = Disk", false],
    ["labels.team = payments", true],
    ["labels.region in [us-east-1, eu-west-1]", true],
    ["labels.missing = x", false],
    ["labels.missing != x", true],
    ["labels.missing not in [x]", true],
    ["NOT severity = warning", true],
    ["NOT NOT severity = critical", true],
    ["severity = critical AND labels.team = payments", true],
    ["severity = warning AND labels.team = payments", false],
    ["severity = warning OR labels.team = payments", true],
    ["severity = warning OR labels.team = ops", false],
    ["(severity = critical)", true],
  ])("%s → %s", (condition, expected) => {
    expect(matches(condition, ctx)).toBe(expected);
  });

  it("treats a field with several values (an incident's services) as any-of", () => {
    const incident = { service: ["checkout-api", "payment-service"] };
    expect(matches("service = payment-service", incident)).toBe(true);
    expect(matches("service != payment-service", incident)).toBe(false);
    expect(matches("service in [search, checkout-api]", incident)).toBe(true);
    expect(matches("service not in [search, checkout-api]", incident)).toBe(false);
    expect(matches("service not in [search]", incident)).toBe(true);
  });

  it("reads keywords and field names in any case", () => {
    expect(parseCondition("SEVERITY = a and NOT Service IN [b] Or source not IN [c]")).toEqual(
      parseCondition("severity = a AND NOT service in [b] OR source NOT IN [c]"),
    );
    expect(parseCondition("Labels.Team = x")).toEqual({
      type: "compare",
      field: "labels.Team",
      op: "=",
      value: "x",
    });
  });
});

describe("precedence NOT > AND > OR", () => {
  it("groups AND before OR on either side", () => {
    expect(parseCondition("title = 1 OR severity = 2 AND service = 3")).toEqual({
      type: "or",
      left: { type: "compare", field: "title", op: "=", value: "1" },
      right: {
        type: "and",
        left: { type: "compare", field: "severity", op: "=", value: "2" },
        right: { type: "compare", field: "service", op: "=", value: "3" },
      },
    });
    expect(matches("severity = x AND service = y OR source = z", { source: "z" })).toBe(true);
    expect(matches("source = z OR severity = x AND service = y", { source: "z" })).toBe(true);
    expect(matches("(source = z OR severity = x) AND service = y", { source: "z" })).toBe(false);
  });

  it("applies NOT to the nearest comparison only", () => {
    expect(parseCondition("NOT severity = a AND service = b")).toEqual({
      type: "and",
      left: { type: "not", operand: { type: "compare", field: "severity", op: "=", value: "a" } },
      right: { type: "compare", field: "service", op: "=", value: "b" },
    });
    expect(matches("NOT severity = a AND service = b", { severity: "a", service: "b" })).toBe(false);
    expect(matches("NOT (severity = a AND service = c)", { severity: "a", service: "b" })).toBe(true);
  });

  it("is left-associative and prints only the parentheses it needs", () => {
    expect(printCondition(parseCondition("((severity = a) and (service = b)) or (source = c)"))).toBe(
      "severity = a AND service = b OR source = c",
    );
    expect(printCondition(parseCondition("severity = a and (service = b or source = c)"))).toBe(
      "severity = a AND (service = b OR source = c)",
    );
    expect(printCondition(parseCondition("severity = a or (service = b or source = c)"))).toBe(
      "severity = a OR (service = b OR source = c)",
    );
    expect(printCondition(parseCondition("not (severity = a or service = b)"))).toBe(
      "NOT (severity = a OR service = b)",
    );
  });
});

describe("values and quoting", () => {
  it("reads bare words with - _ . / : and digits", () => {
    expect(parseCondition("labels.path = /api/v1:8080/pay_ment-x.y").type).toBe("compare");
    expect(parseCondition("labels.path = /api/v1:8080/pay_ment-x.y")).toMatchObject({
      value: "/api/v1:8080/pay_ment-x.y",
    });
  });

  it("reads double and single quoted strings with escapes", () => {
    expect(parseCondition('title = "Payment \\"webhook\\" failing"')).toMatchObject({
      value: 'Payment "webhook" failing',
    });
    expect(parseCondition("title = 'it\\'s down'")).toMatchObject({ value: "it's down" });
    expect(parseCondition(`title = 'say "hi"'`)).toMatchObject({ value: 'say "hi"' });
    expect(parseCondition('title = "a\\\\b\\nc\\td"')).toMatchObject({ value: "a\\b\nc\td" });
    expect(parseCondition('title = ""')).toMatchObject({ value: "" });
    expect(parseCondition('severity in ["and", \'OR\', "x y"]')).toMatchObject({
      values: ["and", "OR", "x y"],
    });
  });

  it("quotes what cannot be bare when printing, and reads it back", () => {
    const node = parseCondition(`title in ["and", "x y", "", 'q"uote', "back\\\\slash", "née"]`);
    expect(printCondition(node)).toBe(`title IN ["and", "x y", "", "q\\"uote", "back\\\\slash", "née"]`);
    expect(parseCondition(printCondition(node))).toEqual(node);
  });
});

describe("malformed conditions name the exact position and what was expected", () => {
  it.each([
    // source, offset, column, expected, found
    [
      "",
      0,
      1,
      "a field (severity, service, environment, source, title or labels.<name>)",
      "the end of the condition",
    ],
    ["severity", 8, 9, "an operator (=, !=, IN or NOT IN)", "the end of the condition"],
    ["severity = ", 11, 12, "a value", "the end of the condition"],
    [
      "severity = critical AND",
      23,
      24,
      "a field (severity, service, environment, source, title or labels.<name>)",
      "the end of the condition",
    ],
    [
      "severity = critical AND service in",
      34,
      35,
      "[ to start the list of values",
      "the end of the condition",
    ],
    ["service in [a, b", 16, 17, ", or ] in the list of values", "the end of the condition"],
    ["service in [a b]", 14, 15, ", or ] in the list of values", '"b"'],
    ["service in []", 12, 13, "a value", '"]"'],
    ["service in [a,]", 14, 15, "a value", '"]"'],
    ["severity == critical", 10, 11, "a value", '"="'],
    ["severity > 2", 9, 10, "an operator (=, !=, IN or NOT IN)", '">"'],
    [
      "priority = high",
      0,
      1,
      "a field (severity, service, environment, source, title or labels.<name>)",
      '"priority"',
    ],
    ["labels. = x", 7, 8, "a label name after labels.", '"="'],
    ["severity = critical service = x", 20, 21, "AND, OR or the end of the condition", '"service"'],
    ["(severity = critical", 20, 21, "AND, OR or a closing )", "the end of the condition"],
    ["severity = critical)", 19, 20, "AND, OR or the end of the condition (this ) closes nothing)", '")"'],
    ["severity = and", 11, 12, 'a value (quote "and" to use it as a value)', '"and"'],
    ["service not [a]", 12, 13, "IN after NOT", '"["'],
    [
      "NOT",
      3,
      4,
      "a field (severity, service, environment, source, title or labels.<name>)",
      "the end of the condition",
    ],
    [
      'title = "unterminated',
      21,
      22,
      'a closing " for the string opened at column 9',
      "the end of the condition",
    ],
    ['title = "bad \\q escape"', 13, 14, "one of \\\" \\' \\\\ \\n \\t", '"\\q"'],
    ["severity ! critical", 9, 10, "an operator (=, !=, IN or NOT IN)", '"!"'],
  ])("%j → offset %i (column %i)", (source, offset, column, expected, found) => {
    const error = syntaxError(source);
    expect({
      offset: error.offset,
      line: error.line,
      column: error.column,
      expected: error.expected,
      found: error.found,
    }).toEqual({ offset, line: 1, column, expected, found });
    expect(error.message).toBe(`at column ${column}: expected ${expected}, found ${found}`);
  });

  it("counts lines and columns across newlines", () => {
    const error = syntaxError("severity = critical\nAND service in\n  [a, b");
    expect({ offset: error.offset, line: error.line, column: error.column }).toEqual({
      offset: 42,
      line: 3,
      column: 8,
    });
    expect(error.message).toBe(
      "at line 3, column 8: expected , or ] in the list of values, found the end of the condition",
    );
  });

  it("reports the seed's example with a missing value at column 12", () => {
    const error = syntaxError("severity = AND service in [payment-service]");
    expect(error.message).toBe(
      'at column 12: expected a value (quote "AND" to use it as a value), found "AND"',
    );
  });

  it("refuses nesting beyond the limit instead of overflowing the stack", () => {
    const deep = `${"(".repeat(65)}severity = a${")".repeat(65)}`;
    expect(syntaxError(deep)).toMatchObject({ offset: 64, expected: "at most 64 levels of nesting" });
    expect(parseCondition(`${"(".repeat(64)}severity = a${")".repeat(64)}`)).toMatchObject({
      type: "compare",
    });
    expect(syntaxError(`${"NOT ".repeat(65)}severity = a`)).toMatchObject({
      offset: 256,
      expected: "at most 64 levels of nesting",
    });
  });
});
