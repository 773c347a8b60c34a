import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { optionalPageActor } from "@/lib/auth/page-actor";
import { safeReturnPath } from "@/lib/auth/request-info";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeReturnPath((await searchParams).next);
  if (await optionalPageActor()) redirect(next);
  return (
    <div className="mx-auto mt-16 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h1 className="mb-1 text-xl font-semibold tracking-tight">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Incidents are visible to signed-in team members only.
      </p>
      <SignInForm next={next} signIn={signInAction} />
    </div>
  );
}
