import postgres from "postgres";
import { newTokenSecret } from "@/lib/tokens/token-secret";

/**
 * Inserts a responder API token straight into a test database (those have no demo users to create one
 * through the API) and returns the Authorization header value for it.
 */
export async function insertResponderToken(databaseUrl: string, id: string, name: string): Promise<string> {
  const token = newTokenSecret();
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await db`insert into api_tokens (id, name, role, prefix, secret_hash) values (${id}, ${name}, 'responder', ${token.prefix}, ${token.hash})`;
  } finally {
    await db.end();
  }
  return `Bearer ${token.secret}`;
}
