import type { ConditionNode, Field } from "./parse";

/** A field's value: one string, several (an incident's services: any of them counts), or absent. */
export type FieldValue = string | readonly string[] | null | undefined;

export type ConditionContext = {
  severity?: FieldValue;
  service?: FieldValue;
  environment?: FieldValue;
  source?: FieldValue;
  title?: FieldValue;
  labels?: Record<string, string | undefined>;
};

function read(context: ConditionContext, field: Field): readonly string[] {
  const value: FieldValue = field.startsWith("labels.")
    ? context.labels?.[field.slice("labels.".length)]
    : context[field as Exclude<Field, `labels.${string}`>];
  if (value === null || value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}

/**
 * Values compare exactly (case and all). A field with several values matches `=` / `IN` when any of
 * them does, and `!=` / `NOT IN` when none does; an absent field or label has no value, so `=` is
 * false and `!=` true.
 */
export function evaluateCondition(node: ConditionNode, context: ConditionContext): boolean {
  switch (node.type) {
    case "compare": {
      const hit = read(context, node.field).includes(node.value);
      return node.op === "=" ? hit : !hit;
    }
    case "in": {
      const hit = read(context, node.field).some((value) => node.values.includes(value));
      return node.negated ? !hit : hit;
    }
    case "not":
      return !evaluateCondition(node.operand, context);
    case "and":
      return evaluateCondition(node.left, context) && evaluateCondition(node.right, context);
    case "or":
      return evaluateCondition(node.left, context) || evaluateCondition(node.right, context);
  }
}
