import { bigint, pgTable, smallint } from "drizzle-orm/pg-core";

// One row: a counter that every change able to refuse a cached API token moves on (revoke, expiry,
// role, creator disabled or demoted, deletion), bumped by triggers in the changing transaction. An
// instance may reuse a verified token only while the counter still reads what it read then.
export const tokenStamp = pgTable("token_stamp", {
  id: smallint("id").primaryKey(),
  tokensVersion: bigint("tokens_version", { mode: "number" }).notNull().default(0),
});

// One row, the same for the on-call states a process keeps for declarations (lib/oncall/load-on-call.ts):
// moved by triggers on every change to a rotation, its members, an override, or a person's name or role.
export const oncallStamp = pgTable("oncall_stamp", {
  id: smallint("id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
