import { DomainError } from "@/lib/errors";
import { logError } from "@/lib/log-error";

/** What a server action returns to its form: expected errors are values (Next hides thrown messages). */
export type ActionState<T = void> =
  | { status: "idle" }
  | { status: "ok"; data: T; message?: string }
  | {
      status: "error";
      message: string;
      code: string;
      fieldErrors: Record<string, string>;
      values?: Record<string, string>;
    };

export const idle = { status: "idle" } as const;

/** A server action as a form component receives it: pages pass actions down, components never import app/. */
export type FormAction<T = void> = (previous: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/** The one mapping from a domain error to form state; anything else is logged and reported plainly. */
export function toActionError(error: unknown): Extract<ActionState<never>, { status: "error" }> {
  if (error instanceof DomainError) {
    const fieldErrors: Record<string, string> = {};
    for (const e of error.errors) fieldErrors[e.path || "_"] ??= e.message;
    return { status: "error", message: error.message, code: error.code, fieldErrors };
  }
  logError("[action]", error);
  return {
    status: "error",
    message: "Something went wrong on our side; nothing was changed. Try again.",
    code: "internal",
    fieldErrors: {},
  };
}

/** Runs an action body; a domain error becomes form state. Call redirect() after this, not inside. */
export async function runAction<T>(body: () => Promise<T>, message?: string): Promise<ActionState<T>> {
  try {
    return { status: "ok", data: await body(), message };
  } catch (error) {
    return toActionError(error);
  }
}

/**
 * React resets a form after its action; handing the typed values back (as defaultValue) keeps what
 * the user wrote when the action refused it. Never pass secrets here.
 */
export function withValues<T>(state: ActionState<T>, form: FormData, keys: string[]): ActionState<T> {
  if (state.status !== "error") return state;
  return { ...state, values: Object.fromEntries(keys.map((key) => [key, String(form.get(key) ?? "")])) };
}
