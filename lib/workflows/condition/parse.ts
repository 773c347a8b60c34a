import { ConditionSyntaxError } from "./errors";
import { type Token, tokenize } from "./tokenize";

/*
 * The workflow condition language. Keywords (AND, OR, NOT, IN) and field names are case-insensitive;
 * values are compared exactly. Precedence: NOT binds tighter than AND, AND tighter than OR.
 *
 *   condition  = or-expr EOF ;
 *   or-expr    = and-expr { "OR" and-expr } ;
 *   and-expr   = not-expr { "AND" not-expr } ;
 *   not-expr   = "NOT" not-expr | primary ;
 *   primary    = "(" or-expr ")" | comparison ;
 *   comparison = field ( "=" value | "!=" value | "IN" list | "NOT" "IN" list ) ;
 *   list       = "[" value { "," value } "]" ;
 *   field      = "severity" | "service" | "environment" | "source" | "title" | "labels." word-char { word-char } ;
 *   value      = word | string ;
 *   word       = word-char { word-char } ;           (a word that is a keyword must be quoted)
 *   word-char  = letter | digit | "-" | "_" | "." | "/" | ":" ;
 *   string     = '"' { char | escape } '"' | "'" { char | escape } "'" ;
 *   escape     = "\" ( '"' | "'" | "\" | "n" | "t" ) ;
 *
 * Whitespace (space, tab, newline) separates tokens and is otherwise ignored. Example (the seed's):
 *   severity = critical AND service in [payment-service, checkout-api]
 */

export const FIELDS = ["severity", "service", "environment", "source", "title"] as const;
export type Field = (typeof FIELDS)[number] | `labels.${string}`;

export type ConditionNode =
  | { type: "compare"; field: Field; op: "=" | "!="; value: string }
  | { type: "in"; field: Field; negated: boolean; values: string[] }
  | { type: "not"; operand: ConditionNode }
  | { type: "and" | "or"; left: ConditionNode; right: ConditionNode };

export const KEYWORDS = ["and", "or", "not", "in"] as const;
export const isKeyword = (word: string) => (KEYWORDS as readonly string[]).includes(word.toLowerCase());

/** Deep enough for any condition a person writes; keeps the recursion far from the stack limit. */
export const MAX_DEPTH = 64;

const FIELD_HINT = "a field (severity, service, environment, source, title or labels.<name>)";

export function parseCondition(source: string): ConditionNode {
  return new Parser(source).parse();
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(private readonly source: string) {
    this.tokens = tokenize(source);
  }

  parse(): ConditionNode {
    const node = this.orExpr();
    const next = this.peek();
    if (next.kind !== "eof")
      this.fail(
        next,
        next.kind === ")"
          ? "AND, OR or the end of the condition (this ) closes nothing)"
          : "AND, OR or the end of the condition",
      );
    return node;
  }

  private orExpr(): ConditionNode {
    let left = this.andExpr();
    while (this.isKeyword(this.peek(), "or")) {
      this.index++;
      left = { type: "or", left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): ConditionNode {
    let left = this.notExpr();
    while (this.isKeyword(this.peek(), "and")) {
      this.index++;
      left = { type: "and", left, right: this.notExpr() };
    }
    return left;
  }

  private notExpr(): ConditionNode {
    const token = this.peek();
    if (this.isKeyword(token, "not")) {
      this.index++;
      return this.nested(token, () => ({ type: "not", operand: this.notExpr() }));
    }
    return this.primary();
  }

  private primary(): ConditionNode {
    const token = this.peek();
    if (token.kind === "(") {
      this.index++;
      const node = this.nested(token, () => this.orExpr());
      const close = this.peek();
      if (close.kind !== ")") this.fail(close, "AND, OR or a closing )");
      this.index++;
      return node;
    }
    return this.comparison();
  }

  private comparison(): ConditionNode {
    const field = this.field();
    const op = this.peek();
    if (op.kind === "=" || op.kind === "!=") {
      this.index++;
      return { type: "compare", field, op: op.kind, value: this.value() };
    }
    if (this.isKeyword(op, "in")) {
      this.index++;
      return { type: "in", field, negated: false, values: this.list() };
    }
    if (this.isKeyword(op, "not")) {
      this.index++;
      const inToken = this.peek();
      if (!this.isKeyword(inToken, "in")) this.fail(inToken, "IN after NOT");
      this.index++;
      return { type: "in", field, negated: true, values: this.list() };
    }
    return this.fail(op, "an operator (=, !=, IN or NOT IN)");
  }

  private field(): Field {
    const token = this.peek();
    if (token.kind !== "word" || isKeyword(token.text)) return this.fail(token, FIELD_HINT);
    const lower = token.text.toLowerCase();
    if ((FIELDS as readonly string[]).includes(lower)) {
      this.index++;
      return lower as Field;
    }
    if (lower.startsWith("labels.")) {
      const name = token.text.slice("labels.".length);
      if (name.length === 0) {
        this.failAt(
          token.offset + "labels.".length,
          "a label name after labels.",
          this.describe(this.peekAt(1)),
        );
      }
      this.index++;
      return `labels.${name}`;
    }
    return this.fail(token, FIELD_HINT);
  }

  private list(): string[] {
    const open = this.peek();
    if (open.kind !== "[") this.fail(open, "[ to start the list of values");
    this.index++;
    const values = [this.value()];
    for (;;) {
      const next = this.peek();
      if (next.kind === "]") {
        this.index++;
        return values;
      }
      if (next.kind !== ",") this.fail(next, ", or ] in the list of values");
      this.index++;
      values.push(this.value());
    }
  }

  private value(): string {
    const token = this.peek();
    if (token.kind === "string" || (token.kind === "word" && !isKeyword(token.text))) {
      this.index++;
      return token.text;
    }
    return this.fail(
      token,
      token.kind === "word" ? `a value (quote "${token.text}" to use it as a value)` : "a value",
    );
  }

  private nested<T>(token: Token, body: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(token, `at most ${MAX_DEPTH} levels of nesting`);
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  private isKeyword(token: Token, keyword: (typeof KEYWORDS)[number]) {
    return token.kind === "word" && token.text.toLowerCase() === keyword;
  }

  private describe(token: Token): string {
    if (token.kind === "eof") return "the end of the condition";
    if (token.kind === "string") return "a quoted string";
    return `"${token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text}"`;
  }

  private fail(token: Token, expected: string): never {
    return this.failAt(token.offset, expected, this.describe(token));
  }

  private failAt(offset: number, expected: string, found: string): never {
    throw new ConditionSyntaxError(this.source, offset, expected, found);
  }
}
