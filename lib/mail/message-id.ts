import { randomUUID } from "node:crypto";

/** A fresh Message-ID, `<uuid@domain>` (RFC 5322: unique per message, angle brackets included). */
export const newMessageId = (domain: string) => `<${randomUUID()}@${domain}>`;

/**
 * The root every mail of a thread replies to: derived from the thread key alone, so any instance
 * computes the same one without reading the thread's first mail (and two first mails cannot race).
 * Clients thread on In-Reply-To/References even when no message carries the root id itself; GitHub's
 * notifications work the same way. Characters outside the id's dot-atom become dots.
 */
export function threadRootId(thread: string, domain: string): string {
  const local = thread
    .replace(/[^A-Za-z0-9_-]+/g, ".")
    .replace(/^\.+|\.+$/g, "")
    .slice(0, 200);
  return `<thread.${local || "mail"}@${domain}>`;
}
