import type { ReactNode } from "react";

type Props = { title: string; description: ReactNode; children: ReactNode };

/** A settings page that is one form: its heading, a line on what the setting does, the form in a card. */
export function SettingsFormPage({ title, description, children }: Props) {
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        {children}
      </div>
    </section>
  );
}
