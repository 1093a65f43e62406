import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../env";
import { ssoErrorMessage, ssoSettings } from "./sso";

const oidc = { RIPE_OIDC_ISSUER: "https://login.example.org/realms/team/", RIPE_OIDC_CLIENT_ID: "ripe", RIPE_OIDC_CLIENT_SECRET: "s3cret" };

describe("SSO settings", () => {
  it("are off without an issuer", () => {
    expect(ssoSettings(parseEnv({}))).toBeNull();
  });

  it("turn the issuer into a discovery URL, with the default name and new accounts off", () => {
    const settings = ssoSettings(parseEnv(oidc));
    expect(settings?.name).toBe("Single sign-on");
    expect(settings?.config).toMatchObject({
      providerId: "oidc",
      discoveryUrl: "https://login.example.org/realms/team/.well-known/openid-configuration",
      clientId: "ripe",
      clientSecret: "s3cret",
      disableSignUp: true,
      requireIdTokenVerification: true,
    });
  });

  it("create accounts only with RIPE_OIDC_NEW_ACCOUNTS=member, and take the button's name", () => {
    const settings = ssoSettings(parseEnv({ ...oidc, RIPE_OIDC_NEW_ACCOUNTS: "member", RIPE_OIDC_NAME: "Example login" }));
    expect(settings?.config.disableSignUp).toBe(false);
    expect(settings?.name).toBe("Example login");
  });

  it("refuse an issuer without its client, a bad issuer URL and an unknown new-accounts value", () => {
    expect(() => parseEnv({ RIPE_OIDC_ISSUER: oidc.RIPE_OIDC_ISSUER })).toThrow(/RIPE_OIDC_CLIENT_ID and RIPE_OIDC_CLIENT_SECRET/);
    expect(() => parseEnv({ ...oidc, RIPE_OIDC_ISSUER: "login.example.org" })).toThrow(EnvError);
    expect(() => parseEnv({ ...oidc, RIPE_OIDC_NEW_ACCOUNTS: "admin" })).toThrow(/RIPE_OIDC_NEW_ACCOUNTS/);
  });
});

describe("SSO error messages", () => {
  it("say why a sign-in was refused, and nothing without an error", () => {
    expect(ssoErrorMessage(undefined)).toBeNull();
    expect(ssoErrorMessage("signup_disabled")).toMatch(/No Ripe account uses this email/);
    expect(ssoErrorMessage("account_disabled")).toMatch(/disabled/);
    expect(ssoErrorMessage("account_not_linked")).toMatch(/verified/);
    expect(ssoErrorMessage("invalid_code")).toMatch(/invalid_code/);
  });
});
