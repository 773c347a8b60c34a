import type { Metadata } from "next";
import { CreateUserForm } from "@/components/users/create-user-form";
import { RoleSelect } from "@/components/users/role-select";
import { NotAllowed } from "@/components/not-allowed";
import { UserActionButton } from "@/components/users/user-action-button";
import { actorUserId } from "@/lib/actor";
import { formatDuration, formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listUsers } from "@/lib/users/list-users";
import {
  changeRoleAction,
  createUserAction,
  disableUserAction,
  enableUserAction,
  unlockUserAction,
} from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const page = await loadPage("/settings/users", async (db, actor) => ({
    users: await listUsers(db, actor),
    me: actorUserId(actor),
  }));
  if (!page.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <NotAllowed role={page.role} message={page.message}>
          Only admins add users and change roles.
        </NotAllowed>
      </section>
    );
  }
  const { users, me } = page.data;
  const now = new Date().getTime();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Viewers read everything; responders declare and run incidents; admins also manage users and API
          tokens.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="mb-3 text-sm font-semibold">Add a user</h2>
        <CreateUserForm createUser={createUserAction} />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Email</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">Since</th>
              <th className="px-3 py-2">Sign-in</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((user) => (
              <tr key={user.id} data-user={user.email} className={user.disabledAt ? "text-slate-500" : ""}>
                <td className="px-3 py-2 font-medium">
                  {user.name}
                  {user.disabledAt && (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-700 dark:bg-slate-700 dark:text-slate-200">
                      disabled
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">{user.email}</td>
                <td className="px-3 py-2">
                  <RoleSelect
                    userId={user.id}
                    name={user.name}
                    role={user.role}
                    changeRole={changeRoleAction}
                  />
                </td>
                <td className="px-3 py-2 text-xs text-slate-500">{formatUtc(user.createdAt)}</td>
                <td className="px-3 py-2 text-xs" data-testid="sign-in-state">
                  {user.signInFailures === 0 ? (
                    <span className="text-slate-500">ok</span>
                  ) : (
                    <span className="inline-flex items-center gap-1">
                      <span
                        className={user.lockedUntil ? "font-medium text-amber-700 dark:text-amber-300" : ""}
                      >
                        {user.signInFailures} failed
                        {user.lockedUntil
                          ? `, locked for ${formatDuration((user.lockedUntil.getTime() - now) / 1000)} more`
                          : ""}
                      </span>
                      <UserActionButton
                        kind="unlock"
                        userId={user.id}
                        name={user.name}
                        run={unlockUserAction}
                      />
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-right">
                  {/* The use case refuses disabling yourself; the button is not offered either. */}
                  {user.id === me ? (
                    <span className="text-xs text-slate-500">you</span>
                  ) : (
                    <UserActionButton
                      kind={user.disabledAt ? "enable" : "disable"}
                      userId={user.id}
                      name={user.name}
                      run={user.disabledAt ? enableUserAction : disableUserAction}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
