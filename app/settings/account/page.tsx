import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requirePageActor } from "@/lib/auth/page-actor";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const actor = await requirePageActor("/settings/account");
  const changed = (await searchParams).changed === "1";
  return (
    <section className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Signed in as {actor.type === "user" ? actor.name : "—"} ({actor.role}).
        </p>
      </div>
      {changed && (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
        >
          Password changed. Your other sessions have been signed out.
        </p>
      )}
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="mb-1 text-sm font-semibold">Change password</h2>
        <p className="mb-4 text-xs text-slate-500 dark:text-slate-400">
          At least 10 characters. Every other session of yours is signed out.
        </p>
        <ChangePasswordForm changePassword={changePasswordAction} />
      </div>
    </section>
  );
}
