import { getDb } from "@/db/client";
import { clientIp, requestInfo, untrustedClientAddress } from "@/lib/auth/request-info";
import { confirmHookSubscription } from "./confirm-hook-subscription";
import { HOOK_TYPE_LABELS } from "./hook-schemas";
import { requestHookSubscription } from "./request-hook-subscription";
import { failed, invalidLink, page, readForm } from "./serve-subscription";

// The public webhook and chat sign-up (decision 0124): the same whole-page, script-free answers as
// the email sign-up.
export async function serveHookSubscribe(request: Request, slug: string): Promise<Response> {
  const form = await readForm(request);
  if (!form) return page(slug, 400, { heading: "That did not work", message: "Send the sign-up form." });
  const field = (name: string) =>
    typeof form.get(name) === "string" ? (form.get(name) as string) : undefined;
  const ipKey = clientIp(request.headers) ?? untrustedClientAddress(request.headers) ?? "unknown";
  try {
    const result = await requestHookSubscription(
      await getDb(),
      { slug, request: requestInfo(request.headers), ipKey },
      {
        type: field("type") ?? "webhook",
        url: field("url") ?? "",
        ...(field("scope") ? { scope: field("scope") } : {}),
        components: form.getAll("component").filter((v) => typeof v === "string"),
      },
    );
    const where =
      result.type === "webhook" ? "your endpoint" : `the ${HOOK_TYPE_LABELS[result.type]} channel`;
    return page(slug, 200, {
      heading: "Confirm from the URL",
      message: [
        `A verification message with a confirm link is on its way to ${where}; updates start once the link is used (within 24 hours).`,
        result.secret
          ? `Its messages are signed the Standard Webhooks way with this secret, shown only now: ${result.secret}`
          : "",
      ]
        .filter(Boolean)
        .join(" "),
    });
  } catch (error) {
    return failed(slug, error);
  }
}

/** GET asks (chat apps open links to preview them); POST, from the button or the receiver, confirms. */
export async function serveHookConfirm(request: Request, slug: string): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token");
  if (request.method === "GET")
    return page(slug, 200, {
      heading: "Confirm the subscription?",
      message: "This status page's updates will be posted to the URL that received this link.",
      confirmAction: {
        action: `/status/${encodeURIComponent(slug)}/webhook-subscription/confirm?token=${encodeURIComponent(token ?? "")}`,
        label: "Confirm",
      },
    });
  try {
    const confirmed = await confirmHookSubscription(await getDb(), token, requestInfo(request.headers));
    if (!confirmed) return page(slug, 404, invalidLink);
  } catch (error) {
    return failed(slug, error);
  }
  return page(slug, 200, {
    heading: "Subscribed",
    message: "Updates from this status page will be posted there.",
  });
}
