import { DomainError } from "@/lib/errors";
import { type ConditionNode, ConditionSyntaxError, parseCondition } from "./condition";

/**
 * A blank condition matches every event of the trigger; anything else must parse. A syntax error is
 * a 422 on `condition` whose message names the column and what was expected, with the position also
 * as fields (offset, line, column, expected) for editors.
 */
export function compileCondition(source: string): ConditionNode | null {
  if (source.trim() === "") return null;
  try {
    return parseCondition(source);
  } catch (error) {
    if (!(error instanceof ConditionSyntaxError)) throw error;
    throw new DomainError("validation", `The condition is not valid: ${error.message}.`, {
      errors: [{ path: "condition", message: `${error.message[0].toUpperCase()}${error.message.slice(1)}.` }],
      extra: { offset: error.offset, line: error.line, column: error.column, expected: error.expected },
    });
  }
}
