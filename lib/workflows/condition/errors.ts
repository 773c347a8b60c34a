/**
 * The one error the condition language throws. `offset` is 0-based into the source; `line` and
 * `column` are 1-based (what an editor shows). `expected` is the phrase after "expected", so an API
 * answer and the editor's caret say the same thing.
 */
export class ConditionSyntaxError extends Error {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly expected: string;
  readonly found: string;

  constructor(source: string, offset: number, expected: string, found: string) {
    const { line, column } = positionOf(source, offset);
    const where = line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
    super(`at ${where}: expected ${expected}, found ${found}`);
    this.name = "ConditionSyntaxError";
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.found = found;
  }
}

export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
