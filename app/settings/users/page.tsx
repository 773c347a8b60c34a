import type { Metadata } from "next";
import { CreateUserForm } from "@/components/users/create-user-form";
import { RoleSelect } from "@/components/users/role-select";
import { NotAllowed } from "@/components/not-allowed";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listUsers } from "@/lib/users/list-users";
import { changeRoleAction, createUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const page = await loadPage("/settings/users", (db, actor) => listUsers(db, actor));
  if (!page.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <NotAllowed role={page.role} message={page.message}>Only admins add users and change roles.</NotAllowed>
      </section>
    );
  }
  const users = page.data;
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Viewers read everything; responders declare and run incidents; admins also manage users and API tokens.</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="mb-3 text-sm font-semibold">Add a user</h2>
        <CreateUserForm createUser={createUserAction} />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
            <tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Email</th><th className="px-3 py-2">Role</th><th className="px-3 py-2">Since</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((user) => (
              <tr key={user.id} data-user={user.email}>
                <td className="px-3 py-2 font-medium">{user.name}</td>
                <td className="px-3 py-2">{user.email}</td>
                <td className="px-3 py-2"><RoleSelect userId={user.id} name={user.name} role={user.role} changeRole={changeRoleAction} /></td>
                <td className="px-3 py-2 text-xs text-slate-500">{formatUtc(user.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
