import type { Metadata } from "next";
import { CreateUserForm } from "@/components/users/create-user-form";
import { NotAllowed } from "@/components/not-allowed";
import { UsersTable } from "@/components/users/users-table";
import { actorUserId } from "@/lib/actor";
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
      <UsersTable
        users={users}
        me={me}
        now={now}
        actions={{
          changeRole: changeRoleAction,
          unlock: unlockUserAction,
          enable: enableUserAction,
          disable: disableUserAction,
        }}
      />
    </section>
  );
}
