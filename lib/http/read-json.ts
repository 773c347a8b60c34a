import { DomainError } from "@/lib/errors";

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** The raw body text, refusing anything over `limit` bytes before reading it all into memory. */
export async function readBodyText(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<string> {
  const tooLarge = () =>
    new DomainError("payload_too_large", `The request body is larger than ${limit} bytes.`, {
      extra: { limit },
    });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJsonText(text: string, contentType: string | null): unknown {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type && type !== "application/json" && !type.endsWith("+json")) {
    throw new DomainError("unsupported_media_type", `Send the body as application/json (got ${type}).`);
  }
  if (text.trim() === "")
    throw new DomainError("bad_request", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}
