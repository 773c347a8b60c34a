import { type ConditionNode, isKeyword } from "./parse";
import { isWordChar } from "./tokenize";

const RANK = { or: 1, and: 2, not: 3, compare: 4, in: 4 } as const;

/**
 * The canonical text of a condition: keywords in capitals, values bare where the grammar allows and
 * double-quoted otherwise, parentheses only where precedence needs them. parseCondition(print(x))
 * gives back x.
 */
export function printCondition(node: ConditionNode): string {
  switch (node.type) {
    case "compare":
      return `${node.field} ${node.op} ${printValue(node.value)}`;
    case "in":
      return `${node.field} ${node.negated ? "NOT IN" : "IN"} [${node.values.map(printValue).join(", ")}]`;
    case "not":
      return `NOT ${wrap(node.operand, RANK.not)}`;
    case "and":
    case "or": {
      // Left-associative: a right operand of the same rank must keep its parentheses.
      const rank = RANK[node.type];
      return `${wrap(node.left, rank)} ${node.type.toUpperCase()} ${wrap(node.right, rank + 1)}`;
    }
  }
}

function wrap(node: ConditionNode, minimum: number): string {
  const text = printCondition(node);
  return RANK[node.type] < minimum ? `(${text})` : text;
}

export function printValue(value: string): string {
  const bare = value.length > 0 && !isKeyword(value) && [...value].every(isWordChar);
  if (bare) return value;
  let out = '"';
  for (const c of value) {
    if (c === '"' || c === "\\") out += `\\${c}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\t") out += "\\t";
    else out += c;
  }
  return `${out}"`;
}
