import { describe, expect, it } from "vitest";
import { allows, DATASET_ROLES, datasetAccess, PERMISSIONS, type DatasetRole, type Permission } from "./roles";

describe("allows", () => {
  it("gives each dataset role its permissions and no more", () => {
    const table = Object.fromEntries(
      DATASET_ROLES.map((role) => [role, PERMISSIONS.filter((permission) => allows("member", role, permission))]),
    ) as Record<DatasetRole, Permission[]>;
    expect(table).toEqual({ owner: ["read", "review", "admin"], reviewer: ["read", "review"], viewer: ["read"] });
  });

  it("lets site owners and admins do everything, on any dataset, without a membership", () => {
    for (const role of ["owner", "admin"] as const) for (const permission of PERMISSIONS) expect(allows(role, null, permission)).toBe(true);
  });

  it("refuses a member with no role, and site-admin to every member", () => {
    for (const permission of PERMISSIONS) expect(allows("member", null, permission)).toBe(false);
    expect(allows("member", "owner", "site-admin")).toBe(false);
  });
});

describe("datasetAccess", () => {
  it("says which dataset permissions an account holds, as allows does", () => {
    expect(datasetAccess("member", "viewer")).toEqual({ read: true, review: false, admin: false });
    expect(datasetAccess("member", "reviewer")).toEqual({ read: true, review: true, admin: false });
    expect(datasetAccess("member", null)).toEqual({ read: false, review: false, admin: false });
    expect(datasetAccess("admin", null)).toEqual({ read: true, review: true, admin: true });
  });
});
