// `npm run user:create -- --email ops@example.com --role admin [--name "Ops Lead"] [--password …]`
// Creates a user who can sign in; without --password a strong one is generated and printed once.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db/client";
import { DomainError } from "@/lib/errors";
import { createUser } from "@/lib/users/create-user";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", default: "viewer" },
    name: { type: "string" },
    password: { type: "string" },
  },
});
if (!values.email) {
  console.error(
    "usage: npm run user:create -- --email <email> --role viewer|responder|admin [--name <name>] [--password <password>]",
  );
  process.exit(2);
}
try {
  const user = await createUser(
    await getDb(),
    { type: "system", name: "user:create", role: "admin" },
    {
      email: values.email,
      name: values.name ?? values.email.split("@")[0],
      role: values.role,
      password: values.password,
    },
  );
  console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  if (user.generatedPassword) console.log(`Password (shown once): ${user.generatedPassword}`);
} catch (error) {
  if (error instanceof DomainError) {
    console.error(
      `Not created: ${error.message}${error.errors.map((e) => `\n  ${e.path}: ${e.message}`).join("")}`,
    );
    process.exitCode = 1;
  } else throw error;
} finally {
  await closeDb();
}
