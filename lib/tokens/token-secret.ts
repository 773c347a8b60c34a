import { createHash, randomBytes } from "node:crypto";

// 32 random bytes: hashing with SHA-256 is enough for a secret with this much entropy (unlike a
// password, it cannot be guessed), and it lets a request find its token with one indexed lookup.
export const TOKEN_PREFIX = "imt_";

export function newTokenSecret() {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, TOKEN_PREFIX.length + 6), hash: hashTokenSecret(secret) };
}

export const hashTokenSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
