import { ConditionSyntaxError, positionOf } from "./errors";

export type TokenKind = "word" | "string" | "=" | "!=" | "(" | ")" | "[" | "]" | "," | "invalid" | "eof";
/** `text` is the source slice; for a string it is the unescaped value. */
export type Token = { kind: TokenKind; text: string; offset: number };

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isDigit = (c: string) => c >= "0" && c <= "9";
/** Characters of a bare word: letters, digits and - _ . / : (slugs, label names, versions, URLs' paths). */
export const isWordChar = (c: string) =>
  isLetter(c) || isDigit(c) || c === "-" || c === "_" || c === "." || c === "/" || c === ":";

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", "\\": "\\", n: "\n", t: "\t" };
const PUNCTUATION = new Set(["=", "(", ")", "[", "]", ","]);

/**
 * Splits the source into tokens. A character that starts no token becomes an `invalid` token, so the
 * parser can say what it expected at that point; only an unfinished string or a bad escape is an
 * error here, because nothing after it can be read.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (isSpace(c)) {
      i++;
    } else if (isWordChar(c)) {
      const start = i;
      while (i < source.length && isWordChar(source[i])) i++;
      tokens.push({ kind: "word", text: source.slice(start, i), offset: start });
    } else if (c === '"' || c === "'") {
      const start = i;
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) {
          throw new ConditionSyntaxError(
            source,
            i,
            `a closing ${c} for the string opened at column ${positionOf(source, start).column}`,
            "the end of the condition",
          );
        }
        const d = source[i];
        if (d === c) {
          i++;
          break;
        }
        if (d === "\\") {
          const next = source[i + 1];
          if (next === undefined || !Object.hasOwn(ESCAPES, next)) {
            throw new ConditionSyntaxError(
              source,
              i,
              "one of \\\" \\' \\\\ \\n \\t",
              next === undefined ? "a lone backslash" : `"\\${next}"`,
            );
          }
          value += ESCAPES[next];
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: "string", text: value, offset: start });
    } else if (c === "!" && source[i + 1] === "=") {
      tokens.push({ kind: "!=", text: "!=", offset: i });
      i += 2;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ kind: c as TokenKind, text: c, offset: i });
      i++;
    } else {
      const char = String.fromCodePoint(source.codePointAt(i)!);
      tokens.push({ kind: "invalid", text: char, offset: i });
      i += char.length;
    }
  }
  tokens.push({ kind: "eof", text: "", offset: source.length });
  return tokens;
}
