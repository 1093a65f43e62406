// Roles and permissions, drizzle-free so client components, zod schemas and the CLI share them.
// Site roles live on the account; dataset roles on dataset_members. A site owner or admin acts as
// the owner of every dataset (they create datasets and manage accounts).

export const SITE_ROLES = ["owner", "admin", "member"] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

export const DATASET_ROLES = ["owner", "reviewer", "viewer"] as const;
export type DatasetRole = (typeof DATASET_ROLES)[number];

/** What an entry point needs: read (viewer+), review (reviewer+), admin (dataset owner), site-admin. */
export const PERMISSIONS = ["read", "review", "admin", "site-admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type DatasetPermission = Exclude<Permission, "site-admin">;
/** Which of the dataset permissions an account holds on one dataset (pages hide what it may not use). */
export type DatasetAccess = Record<DatasetPermission, boolean>;

const RANK: Record<DatasetRole, number> = { viewer: 1, reviewer: 2, owner: 3 };
const NEEDS: Record<DatasetPermission, number> = { read: 1, review: 2, admin: 3 };

export const isSiteAdmin = (role: SiteRole) => role === "owner" || role === "admin";

/**
 * Whether an account with this site role and (optional) role on the dataset holds the permission.
 * `datasetRole` is the role on the dataset the entry point names; null when it names none (an
 * entry point that creates a dataset), which only a site admin may use.
 */
export function allows(siteRole: SiteRole, datasetRole: DatasetRole | null, permission: Permission): boolean {
  if (isSiteAdmin(siteRole)) return true;
  if (permission === "site-admin" || datasetRole === null) return false;
  return RANK[datasetRole] >= NEEDS[permission];
}

/** Each dataset permission the account holds (pages show a control or a link only to those who may use it). */
export function datasetAccess(siteRole: SiteRole, datasetRole: DatasetRole | null): DatasetAccess {
  return {
    read: allows(siteRole, datasetRole, "read"),
    review: allows(siteRole, datasetRole, "review"),
    admin: allows(siteRole, datasetRole, "admin"),
  };
}

export const ROLE_LABELS: Record<DatasetRole | SiteRole, string> = {
  owner: "Owner",
  admin: "Site admin",
  member: "Member",
  reviewer: "Reviewer",
  viewer: "Viewer",
};
