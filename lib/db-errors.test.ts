import { describe, expect, it } from "vitest";
import { isConnectionError, isUniqueViolation, pgErrorCode } from "./db-errors";

describe("pgErrorCode", () => {
  it("finds the SQLSTATE on the error or anywhere down its cause chain", () => {
    expect(pgErrorCode(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe("40P01");
    const driver = Object.assign(new Error("could not serialize access"), { code: "40001" });
    const wrapped = new Error("Failed query: insert …", { cause: driver });
    expect(pgErrorCode(new Error("outer", { cause: wrapped }))).toBe("40001");
  });

  it("ignores codes that are not SQLSTATEs (Node's ECONNRESET and friends)", () => {
    expect(pgErrorCode(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))).toBeUndefined();
    expect(pgErrorCode(new Error("plain"))).toBeUndefined();
    expect(pgErrorCode(undefined)).toBeUndefined();
    expect(pgErrorCode("40P01")).toBeUndefined();
  });

  it("agrees with isUniqueViolation on 23505", () => {
    const unique = new Error("wrapped", {
      cause: Object.assign(new Error("duplicate key"), { code: "23505" }),
    });
    expect(pgErrorCode(unique)).toBe("23505");
    expect(isUniqueViolation(unique)).toBe(true);
  });
});

describe("isConnectionError", () => {
  it("recognises a restarting or unreachable server, however wrapped", () => {
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    for (const c of [
      "57P01",
      "57P02",
      "57P03",
      "08006",
      "08001",
      "ECONNREFUSED",
      "ECONNRESET",
      "CONNECTION_CLOSED",
      "CONNECT_TIMEOUT",
    ]) {
      expect(isConnectionError(new Error("Failed query", { cause: code(c) })), c).toBe(true);
    }
    expect(isConnectionError(new AggregateError([code("ECONNREFUSED"), code("ECONNREFUSED")]))).toBe(true);
  });

  it("leaves client mistakes and other database errors alone", () => {
    for (const c of ["23505", "40P01", "55P03", "57014", "22P02", "ENOENT"]) {
      expect(isConnectionError(Object.assign(new Error(c), { code: c })), c).toBe(false);
    }
    expect(isConnectionError(new Error("plain"))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
