// Single sign-on through one OpenID Connect provider named by the environment (RIPE_OIDC_*).
// better-auth's genericOAuth plugin runs the flow (discovery, PKCE, state, nonce, ID-token
// signature and issuer checks); this module only turns the settings into its configuration and
// the callback's error codes into sentences for the sign-in page.
import type { GenericOAuthConfig } from "better-auth/plugins/generic-oauth";
import type { Env } from "../env";

/** The provider id in better-auth's routes: the callback to register is /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

export type SsoSettings = { name: string; config: GenericOAuthConfig };

export function ssoSettings(settings: Env): SsoSettings | null {
  const issuer = settings.RIPE_OIDC_ISSUER;
  if (!issuer || !settings.RIPE_OIDC_CLIENT_ID || !settings.RIPE_OIDC_CLIENT_SECRET) return null;
  const base = issuer.href.replace(/\/+$/, "");
  return {
    name: settings.RIPE_OIDC_NAME,
    config: {
      providerId: SSO_PROVIDER_ID,
      name: settings.RIPE_OIDC_NAME,
      discoveryUrl: `${base}/.well-known/openid-configuration`,
      // Refuse to run with a provider whose ID tokens can't be checked against its published keys.
      requireIdTokenVerification: true,
      clientId: settings.RIPE_OIDC_CLIENT_ID,
      clientSecret: settings.RIPE_OIDC_CLIENT_SECRET,
      scopes: ["openid", "email", "profile"],
      pkce: true,
      // Signing out of Ripe ends Ripe's session only; the provider's session is the provider's.
      disableProviderLogout: true,
      // "off": an email with no account is refused (the callback says signup_disabled).
      disableSignUp: settings.RIPE_OIDC_NEW_ACCOUNTS === "off",
    },
  };
}

/** What the sign-in page says for the `error` code better-auth puts on the redirect back to it. */
export function ssoErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  switch (code) {
    case "signup_disabled":
      return "No Ripe account uses this email address; ask a site admin to create one, then sign in again.";
    case "account_not_linked":
    case "unable_to_link_account":
      return "The provider did not confirm this email address is verified, so it can't be matched to a Ripe account.";
    case "account_disabled":
      return "This account is disabled; ask a site admin.";
    case "email_not_found":
      return "The provider did not share an email address; Ripe needs one to find your account.";
    default:
      return `Single sign-on failed (${code.slice(0, 60)}); try again or sign in with a password.`;
  }
}
