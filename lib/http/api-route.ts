import { getDb, getReadDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { actorKey } from "@/lib/actor";
import { handleApiError } from "./problem";
import { parseJsonText, readBodyText } from "./read-json";
import { withIdempotency } from "./idempotency";
import { requestFingerprint } from "./idempotency-store";
import { cachedApiActor, resolveApiActor } from "@/lib/auth/resolve-actor";
import { pgErrorCode } from "@/lib/db-errors";
import { TOKEN_STAMP_MOVED } from "@/lib/tokens/verify-api-token";

export type ApiContext<P> = {
  request: Request;
  params: P;
  actor: Actor;
  db: Db;
  /** The parsed JSON body (read once, size-limited); only for methods that carry one. */
  body: () => unknown;
  /**
   * With `tokenStampInStatement`: the token stamp's version the caller's token was verified at, when
   * it came from the cache unread. The handler's one write statement must assert it (`tokensVersion`).
   */
  tokensVersion?: number;
};

type Options = {
  bodyLimit?: number;
  /**
   * The success answer shows a secret (a new token, a generated password, a webhook's signing secret
   * or its URL, which for a chat is a credential): it is sent `Cache-Control: no-store`, and for a POST
   * an Idempotency-Key never stores it (a replay of that key is a 409).
   */
  secretBearing?: boolean;
  /**
   * A GET that only reads and tolerates a little replica lag (lists, metrics): `db` is then the
   * read pool (DATABASE_READ_URL, the primary when unset). Other methods always get the primary.
   */
  replicaRead?: boolean;
  /**
   * The handler writes with one statement that asserts the token stamp (a declaration): a bearer token
   * verified in the last seconds is then trusted without reading the stamp first, and the statement
   * checks it instead (one round trip fewer). If the stamp moved, the statement wrote nothing: the token
   * is verified again (401 if it was revoked) and the handler runs once more.
   */
  tokenStampInStatement?: boolean;
};

export const json = (data: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(data), {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });

/** An answer showing a secret must not be kept by the browser or any cache on the way. */
function noStore(response: Response): Response {
  if (response.ok) response.headers.set("cache-control", "no-store");
  return response;
}

/**
 * The one wrapper of every JSON route: who is calling, the body (size-limited JSON), the
 * Idempotency-Key protocol for POST, and every error mapped to problem+json by handleApiError.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response>,
  options: Options = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const url = new URL(request.url);
    try {
      const cached = options.tokenStampInStatement ? cachedApiActor(request) : null;
      const actor = cached?.actor ?? (await resolveApiActor(request));
      const db = options.replicaRead && request.method === "GET" ? await getReadDb() : await getDb();
      const params = (await context?.params) ?? ({} as P);
      const hasBody = !["GET", "HEAD"].includes(request.method);
      const text = hasBody ? await readBodyText(request, options.bodyLimit) : "";
      let parsed: { value: unknown } | undefined;
      const body = () =>
        (parsed ??= { value: parseJsonText(text, request.headers.get("content-type")) }).value;
      const run = () =>
        handler({ request, params, actor, db, body, tokensVersion: cached?.tokensVersion })
          .catch(async (error: unknown) => {
            if (!cached || pgErrorCode(error) !== TOKEN_STAMP_MOVED) throw error;
            return handler({ request, params, actor: await resolveApiActor(request), db, body });
          })
          .then((response) => (options.secretBearing ? noStore(response) : response));

      const key = request.headers.get("idempotency-key");
      if (request.method === "POST" && key !== null) {
        const fingerprint = await requestFingerprint(db, request.method, url.pathname, text);
        return await withIdempotency(
          db,
          { principal: actorKey(actor), key, fingerprint, secretBearing: options.secretBearing },
          run,
        );
      }
      return await run();
    } catch (error) {
      return handleApiError(error, url.pathname);
    }
  };
}
