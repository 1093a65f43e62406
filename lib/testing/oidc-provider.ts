// A real OpenID Connect provider (the `oidc-provider` package) run in-process over plain http on
// 127.0.0.1, for the SSO tests: one confidential client whose redirect URI is Ripe's callback, a
// few accounts, and a login step of our own (a one-field form: the email) in place of the
// package's dev screens. Consent is implied for the one first-party client.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Context } from "oidc-provider";

export type OidcAccount = { email: string; name: string; emailVerified?: boolean };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
};

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(new URLSearchParams(body)));
    request.on("error", reject);
  });
}

export async function startOidcProvider(options: { redirectUri: string; accounts: OidcAccount[] }): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "ripe-test";
  const clientSecret = "ripe-test-secret-that-is-long-enough-0123456789";
  const byId = new Map(options.accounts.map((account) => [`sub-${account.email}`, account]));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_context: unknown, id: string) => {
      const account = byId.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified ?? true, name: account.name }),
      };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // The one client is first-party: grant what it asks for instead of a consent screen.
    loadExistingGrant: async (context: Context) => {
      const grant = new provider.Grant({ clientId: context.oidc.client.clientId, accountId: context.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
    // Explicit lifetimes (the defaults log a notice each); the in-memory store and dev signing keys stay.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Grant: 600, Interaction: 600, Session: 600 },
  });

  const handleProvider = provider.callback();
  server.on("request", (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) return handleProvider(request, response);
    void (async () => {
      try {
        const interaction = await provider.interactionDetails(request, response);
        if (request.method === "POST" && match[2]) {
          const email = (await readForm(request)).get("email")?.trim().toLowerCase() ?? "";
          const accountId = `sub-${email}`;
          if (!byId.has(accountId)) {
            response.writeHead(401, { "content-type": "text/html" }).end(`<p>No such account at the provider: ${escape(email)}</p>`);
            return;
          }
          await provider.interactionFinished(request, response, { login: { accountId } });
          return;
        }
        response.writeHead(200, { "content-type": "text/html" }).end(
          `<!doctype html><title>Test provider</title><h1>Test provider login</h1>
<form method="post" action="/interaction/${escape(interaction.uid)}/login">
<label>Email <input name="email" type="email" required></label><button>Log in</button></form>`,
        );
      } catch (error) {
        response.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
