import { isIP } from "node:net";

// Why each range is refused as a webhook target: the request is made by the server, from inside the
// network, so any address a stranger could not reach from the internet is off limits (SSRF).
const V4_BLOCKS: [string, number, string][] = [
  ["0.0.0.0", 8, "this network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay anycast"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

function v4ToInt(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Block(address: string): string | null {
  const value = v4ToInt(address);
  for (const [base, bits, why] of V4_BLOCKS) {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    if (value >= start && value < start + size) return why;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` expanded and a dotted IPv4 tail converted). */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0];
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const n = v4ToInt(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  const parts = tail === null ? headParts : [...headParts, ...Array(missing).fill("0"), ...tailParts];
  return parts.map((part) => parseInt(part || "0", 16));
}

function v6Block(address: string): string | null {
  const g = ipv6Groups(address);
  if (g.every((x) => x === 0)) return "unspecified";
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judged as the IPv4 address they carry,
  // and refused outright, since a receiver on the internet never needs them.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return "IPv4-mapped";
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765): another spelling of an IPv4 address.
  if (g.slice(0, 4).every((x) => x === 0) && g[4] === 0xffff && g[5] === 0) return "IPv4-translated";
  if (g[0] === 0x64 && g[1] === 0xff9b) return "NAT64";
  if (g[0] === 0x5f00) return "SRv6 segment identifiers";
  if (g[0] === 0x3fff && (g[1] & 0xf000) === 0) return "documentation";
  if ((g[0] & 0xfe00) === 0xfc00) return "unique-local (includes fd00:ec2::254, cloud metadata)";
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xffc0) === 0xfec0) return "site-local";
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "documentation";
  if (g[0] === 0x2002) return "6to4";
  if (g[0] === 0x2001 && g[1] === 0) return "Teredo";
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "discard-only";
  return null;
}

/**
 * Why an address may not be a webhook target (null: a public address). Anything that is not a
 * well-formed IP literal is refused too: the caller passes resolved addresses only.
 */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address.split("%")[0]);
  if (family === 4) return v4Block(address);
  if (family === 6) return v6Block(address);
  return "not an IP address";
}
