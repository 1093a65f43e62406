// Reading the SQLSTATE of a database error. Both drivers throw an error that carries it as
// `code` beside the server's `severity` (PGlite's DatabaseError and node-postgres's, also through
// a pg-copy-streams pipeline); `severity` tells it from a Node errno code such as EPERM. A wrapper
// (drizzle's DrizzleQueryError) keeps the driver's error as `cause`, so that is read too.

/** duplicate key value violates unique constraint */
export const UNIQUE_VIOLATION = "23505";
/** insert or update violates foreign key constraint */
export const FOREIGN_KEY_VIOLATION = "23503";

/** The five-character SQLSTATE of a database error, or undefined for any other error. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, severity } = current as { code?: unknown; severity?: unknown };
    if (typeof code === "string" && typeof severity === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A unique or foreign-key violation: the row is there already, or what it points at is not. */
export function isConstraintViolation(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === UNIQUE_VIOLATION || code === FOREIGN_KEY_VIOLATION;
}
