import { createElement } from "react";
import { getDb } from "@/db/client";
import { SubscriptionPage, type SubscriptionPageProps } from "@/components/status-page/subscription-page";
import { clientIp, requestInfo, untrustedClientAddress } from "@/lib/auth/request-info";
import { DomainError } from "@/lib/errors";
import { logError } from "@/lib/log-error";
import { STATUS_PAGE_CSP } from "@/lib/security/headers";
import { confirmSubscription } from "./confirm-subscription";
import { requestSubscription } from "./request-subscription";
import { readSnapshot } from "./snapshot-cache";
import { renderStaticMarkup } from "./static-markup";
import { unsubscribeSubscriber } from "./unsubscribe-subscriber";

type Answer = Omit<SubscriptionPageProps, "pageName" | "slug">;

// The public sign-up's adapters: form in, whole page out (they run with JavaScript off), nothing
// cached, and every client mistake a 4xx page that changed nothing.
export async function page(slug: string, status: number, answer: Answer): Promise<Response> {
  const snapshot = await readSnapshot(await getDb(), { slug }).catch(() => null);
  const pageName = snapshot?.page.name ?? "Status";
  const body = `<!DOCTYPE html>${renderStaticMarkup(createElement(SubscriptionPage, { pageName, slug, ...answer }))}`;
  return new Response(body, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": STATUS_PAGE_CSP,
      "referrer-policy": "no-referrer",
    },
  });
}

export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

export const failed = (slug: string, error: unknown) => {
  if (error instanceof DomainError) {
    const heading = error.code === "rate_limited" ? "Too many sign-ups" : "That did not work";
    const detail = error.errors.map((e) => e.message).join(" ");
    return page(slug, error.status, { heading, message: detail || error.message });
  }
  logError("status-pages.subscribe", error);
  return page(slug, 503, { heading: "Try again shortly", message: "The sign-up is unavailable right now." });
};

export async function serveSubscribe(request: Request, slug: string): Promise<Response> {
  const form = await readForm(request);
  if (!form) return page(slug, 400, { heading: "That did not work", message: "Send the sign-up form." });
  const field = (name: string) => (typeof form.get(name) === "string" ? form.get(name) : undefined);
  const ipKey = clientIp(request.headers) ?? untrustedClientAddress(request.headers) ?? "unknown";
  try {
    await requestSubscription(
      await getDb(),
      { slug, request: requestInfo(request.headers), ipKey },
      {
        email: field("email") ?? "",
        ...(field("scope") ? { scope: field("scope") } : {}),
        components: form.getAll("component").filter((v) => typeof v === "string"),
      },
    );
  } catch (error) {
    return failed(slug, error);
  }
  // The same answer whether the address was new, pending or already subscribed.
  return page(slug, 200, {
    heading: "Check your inbox",
    message: "If the address can be subscribed, a mail with a link to confirm is on its way.",
  });
}

export const invalidLink: Answer = {
  heading: "This link does not work",
  message: "It may have expired or been used already. Sign up again from the status page.",
};

export async function serveConfirm(request: Request, slug: string): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  // A GET confirms: the link in the mail is the whole action, and it is single use.
  try {
    const confirmed = await confirmSubscription(await getDb(), token, requestInfo(request.headers));
    if (!confirmed) return page(slug, 404, invalidLink);
  } catch (error) {
    return failed(slug, error);
  }
  return page(slug, 200, {
    heading: "Subscribed",
    message: "Your address is confirmed for updates from this status page.",
  });
}

export async function serveUnsubscribe(request: Request, slug: string): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  if (request.method === "GET") {
    return page(slug, 200, {
      heading: "Unsubscribe?",
      message: "You will get no more mail from this status page.",
      confirmAction: {
        action: `/status/${encodeURIComponent(slug)}/subscription/unsubscribe?token=${encodeURIComponent(token ?? "")}`,
        label: "Unsubscribe",
      },
    });
  }
  // RFC 8058: a mail client POSTs `List-Unsubscribe=One-Click` with no cookie; the token decides.
  try {
    const done = await unsubscribeSubscriber(await getDb(), token, requestInfo(request.headers));
    if (!done) return page(slug, 404, invalidLink);
  } catch (error) {
    return failed(slug, error);
  }
  return page(slug, 200, {
    heading: "Unsubscribed",
    message: "You will get no more mail from this status page.",
  });
}
