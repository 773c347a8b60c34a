// The condition language as one pure module (no database, no Node APIs): the API validates with it and
// the /workflows editor imports it in the browser to show syntax errors while typing.
export { ConditionSyntaxError, positionOf } from "./errors";
export { type ConditionNode, type Field, FIELDS, MAX_DEPTH, parseCondition } from "./parse";
export { printCondition, printValue } from "./print";
export { type ConditionContext, evaluateCondition, type FieldValue } from "./evaluate";
