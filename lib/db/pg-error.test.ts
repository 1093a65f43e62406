import { describe, expect, it } from "vitest";
import { FOREIGN_KEY_VIOLATION, isConstraintViolation, pgErrorCode, UNIQUE_VIOLATION } from "./pg-error";

const dbError = (code: string) => Object.assign(new Error("database said no"), { code, severity: "ERROR" });

describe("pgErrorCode", () => {
  it("reads the SQLSTATE of a driver error, and of one wrapped as a cause", () => {
    expect(pgErrorCode(dbError("22P02"))).toBe("22P02");
    expect(pgErrorCode(new Error("query failed", { cause: dbError(UNIQUE_VIOLATION) }))).toBe(UNIQUE_VIOLATION);
  });

  it("has no code for other errors (a Node errno code is not a SQLSTATE)", () => {
    expect(pgErrorCode(new Error("plain"))).toBeUndefined();
    expect(pgErrorCode(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBeUndefined();
    expect(pgErrorCode(Object.assign(new Error("denied"), { code: "EPERM" }))).toBeUndefined();
    expect(pgErrorCode("23505")).toBeUndefined();
    expect(pgErrorCode(undefined)).toBeUndefined();
  });
});

describe("isConstraintViolation", () => {
  it("is true for unique and foreign-key violations only", () => {
    expect(isConstraintViolation(dbError(UNIQUE_VIOLATION))).toBe(true);
    expect(isConstraintViolation(dbError(FOREIGN_KEY_VIOLATION))).toBe(true);
    expect(isConstraintViolation(dbError("22P02"))).toBe(false);
    expect(isConstraintViolation(dbError("57P01"))).toBe(false);
  });
});
