"use client";

import { useActionState } from "react";
import { compactControlClass } from "@/components/form/field";
import { idleState } from "@/components/form/form-message";
import type { FormAction } from "@/lib/http/action-state";

/** Changing the select submits at once; the last admin is refused by the use case. */
export function RoleSelect({
  userId,
  name,
  role,
  changeRole,
}: {
  userId: string;
  name: string;
  role: string;
  changeRole: FormAction;
}) {
  const [state, action, pending] = useActionState(changeRole, idleState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={userId} />
      <label htmlFor={`role-${userId}`} className="sr-only">
        Role of {name}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        key={role}
        defaultValue={role}
        disabled={pending}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
        className={compactControlClass.replace("w-full", "w-auto")}
      >
        <option value="viewer">viewer</option>
        <option value="responder">responder</option>
        <option value="admin">admin</option>
      </select>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {state.message}
        </span>
      )}
    </form>
  );
}
