import "server-only";
// What every signed-in request needs, in one statement: the session by its token, its account,
// the account's reviewer row and its dataset roles. better-auth's own lookup takes two statements
// and the wrappers three more (role, reviewer); under load each round trip costs CPU on the app
// server (profiled: ~1 ms each), so a request pays for one.
import { z } from "zod";
import { DATASET_ROLES, type DatasetRole } from "../../auth/roles";
import type { SqlRunner } from "../client";
import { col, queryRows } from "../rows";
import type { Reviewer } from "../schema";

export type SessionSnapshot = {
  expiresAt: Date;
  user: { id: string; email: string; name: string; role: string; disabled: boolean };
  /** Null until the account's first decision or page made one (reviewerForUser). */
  reviewer: Reviewer | null;
  /** The account's role on each dataset it is a member of. */
  roles: Map<number, DatasetRole>;
};

const snapshotRow = z.object({
  expires_at: col.date,
  id: col.text,
  email: col.text,
  name: col.text,
  role: z.string(),
  disabled: col.bool,
  reviewer_id: col.nullableInt,
  reviewer_name: col.nullableText,
  reviewer_created_at: col.nullableDate,
  roles: z.array(z.tuple([col.int, z.enum(DATASET_ROLES)])),
});

export async function sessionByToken(db: Pick<SqlRunner, "query">, token: string): Promise<SessionSnapshot | null> {
  const [row] = await queryRows(
    db,
    snapshotRow,
    `SELECT s.expires_at, u.id, u.email, u.name, u.role, u.disabled,
            r.id AS reviewer_id, r.name AS reviewer_name, r.created_at AS reviewer_created_at,
            COALESCE((SELECT json_agg(json_build_array(m.dataset_id, m.role)) FROM dataset_members m WHERE m.user_id = u.id), '[]'::json) AS roles
     FROM auth_sessions s JOIN auth_users u ON u.id = s.user_id LEFT JOIN reviewers r ON r.user_id = u.id
     WHERE s.token = $1`,
    [token],
  );
  if (!row) return null;
  const reviewer =
    row.reviewer_id === null || row.reviewer_name === null || row.reviewer_created_at === null
      ? null
      : { id: row.reviewer_id, name: row.reviewer_name, userId: row.id, createdAt: row.reviewer_created_at };
  return {
    expiresAt: row.expires_at,
    user: { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabled },
    reviewer,
    roles: new Map(row.roles),
  };
}
