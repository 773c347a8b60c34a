import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { blockedAddressReason } from "./target-address";

export type ResolvedAddress = { address: string; family: number };
/** A name resolver (dns.lookup with all addresses); tests pass their own to fake DNS changes. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type TargetOptions = { resolver?: Resolver; allowPrivate?: boolean };

/** A target that may not be called; `message` says why (shown to the admin and in the attempt log). */
export class TargetRefused extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent = false) {
    super(message);
    this.name = "TargetRefused";
    this.permanent = permanent;
  }
}

/** WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lifts the address check (self-hosted receivers, tests). */
export const privateTargetsAllowed = (options: TargetOptions = {}) =>
  options.allowPrivate ?? process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS === "1";

export type Target = { url: URL; address: string; family: number };

/**
 * Resolves the URL's host and checks EVERY address it has (one private address among public ones is
 * enough for a rebinding trick), returning the one address the request will connect to. The caller
 * connects to exactly that address, so the check and the connection cannot disagree.
 */
export async function resolveTarget(rawUrl: string, options: TargetOptions = {}): Promise<Target> {
  if (!URL.canParse(rawUrl)) throw new TargetRefused("Not a URL.", true);
  const url = new URL(rawUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TargetRefused("Only http:// and https:// URLs.", true);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (options.resolver ?? systemResolver)(host);
    } catch (error) {
      throw new TargetRefused(
        `Cannot resolve ${host} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      );
    }
    if (addresses.length === 0) throw new TargetRefused(`${host} has no address.`);
  }
  if (!privateTargetsAllowed(options)) {
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) {
        throw new TargetRefused(
          `${host} resolves to ${address} (${reason}); webhooks may only reach public addresses (WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lifts this for self-hosted receivers).`,
        );
      }
    }
  }
  return { url, address: addresses[0].address, family: addresses[0].family };
}
