"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import { RoleSelect } from "@/components/users/role-select";
import { UserActionButton } from "@/components/users/user-action-button";
import { formatDuration, formatUtc } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";
import type { UserView } from "@/lib/users/list-users";

type Props = {
  users: UserView[];
  /** The signed-in admin: the table offers no button to disable yourself. */
  me: string | null;
  /** The server's clock, so the lock countdown reads the same in the server's HTML and the browser's. */
  now: number;
  actions: { changeRole: FormAction; unlock: FormAction; enable: FormAction; disable: FormAction };
};

/** Every user with their role (changed in place), sign-in state and enable / disable. */
export function UsersTable({ users, me, now, actions }: Props) {
  const columns: ColumnDef<UserView>[] = [
    {
      id: "name",
      header: "Name",
      meta: { className: "font-medium" },
      cell: ({ row: { original: user } }) => (
        <>
          {user.name}
          {user.disabledAt && (
            <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-700 dark:bg-slate-700 dark:text-slate-200">
              disabled
            </span>
          )}
        </>
      ),
    },
    { id: "email", header: "Email", cell: ({ row }) => row.original.email },
    {
      id: "role",
      header: "Role",
      cell: ({ row: { original: user } }) => (
        <RoleSelect userId={user.id} name={user.name} role={user.role} changeRole={actions.changeRole} />
      ),
    },
    {
      id: "since",
      header: "Since",
      meta: { className: "text-xs text-slate-500" },
      cell: ({ row }) => formatUtc(row.original.createdAt),
    },
    {
      id: "signIn",
      header: "Sign-in",
      meta: { className: "text-xs" },
      cell: ({ row: { original: user } }) => (
        <span data-testid="sign-in-state">
          {user.signInFailures === 0 ? (
            <span className="text-slate-500">ok</span>
          ) : (
            <span className="inline-flex items-center gap-1">
              <span className={user.lockedUntil ? "font-medium text-amber-700 dark:text-amber-300" : ""}>
                {user.signInFailures} failed
                {user.lockedUntil
                  ? `, locked for ${formatDuration((user.lockedUntil.getTime() - now) / 1000)} more`
                  : ""}
              </span>
              <UserActionButton kind="unlock" userId={user.id} name={user.name} run={actions.unlock} />
            </span>
          )}
        </span>
      ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { align: "right" },
      // The use case refuses disabling yourself; the button is not offered either.
      cell: ({ row: { original: user } }) =>
        user.id === me ? (
          <span className="text-xs text-slate-500">you</span>
        ) : (
          <UserActionButton
            kind={user.disabledAt ? "enable" : "disable"}
            userId={user.id}
            name={user.name}
            run={user.disabledAt ? actions.enable : actions.disable}
          />
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      data={users}
      rowKey={(user) => user.id}
      caption="Users"
      rowProps={(user) => ({
        className: user.disabledAt ? "text-slate-500" : undefined,
        "data-user": user.email,
      })}
    />
  );
}
