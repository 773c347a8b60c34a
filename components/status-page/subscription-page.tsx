import { PUBLIC_PAGE_CSS } from "./public-page-css";

export type SubscriptionPageProps = {
  pageName: string;
  slug: string;
  heading: string;
  message: string;
  /** A confirm button that POSTs here (the unsubscribe link's GET only asks). */
  confirmAction?: { action: string; label: string };
};

// The answers of the sign-up, confirm and unsubscribe handlers: whole pages, no script.
export function SubscriptionPage({ pageName, slug, heading, message, confirmAction }: SubscriptionPageProps) {
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- serialised by static-markup.ts */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${heading} · ${pageName} status`}</title>
        <style>{PUBLIC_PAGE_CSS}</style>
      </head>
      <body>
        <main>
          <h1>{heading}</h1>
          <p>{message}</p>
          {confirmAction && (
            <form method="post" action={confirmAction.action}>
              <button type="submit">{confirmAction.label}</button>
            </form>
          )}
          <p>
            <a href={`/status/${slug}`}>Back to the {pageName} status page</a>
          </p>
        </main>
      </body>
    </html>
  );
}
