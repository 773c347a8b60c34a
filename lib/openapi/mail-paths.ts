import type { z } from "zod";
import { ListMailboxInput, MailMessagePage, MailMessageView } from "@/lib/mail/schemas";
import type { PathHelpers } from "./path-helpers";

type Json = Record<string, unknown>;

const idParam = { name: "id", in: "path", required: true, schema: { type: "string", example: "mail_3f2a…" } };

/** The outgoing mail part of /api/openapi.json (docs/decisions/0106-mail-delivery.md). */
export function mailPaths({ jsonAnswer, problems, queryParameters }: PathHelpers): Json {
  return {
    "/api/mail-messages": {
      get: {
        summary:
          "Outgoing mail (admin), newest first, keyset pages: the delivery log of every notification mail (status, attempts, last error) and, without SMTP_URL, the local mailbox",
        parameters: queryParameters(ListMailboxInput.shape),
        responses: { "200": jsonAnswer("A page of mail", "MailMessagePage"), ...problems(422) },
      },
    },
    "/api/mail-messages/{id}": {
      parameters: [idParam],
      get: {
        summary:
          "One mail (admin): headers, Message-ID and threading, the text and HTML parts, the SMTP server's answer",
        responses: { "200": jsonAnswer("The mail", "MailMessage"), ...problems(404) },
      },
    },
  };
}

export function mailSchemas(output: (schema: z.ZodType) => Json): Json {
  return { MailMessagePage: output(MailMessagePage), MailMessage: output(MailMessageView) };
}
