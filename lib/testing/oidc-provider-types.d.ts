// The few parts of oidc-provider (a dev dependency that ships no types) the SSO tests use.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Claims = Record<string, unknown> & { sub: string };
  type Account = { accountId: string; claims(): Promise<Claims> };
  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  type Interaction = { uid: string; prompt: { name: string }; params: Record<string, unknown> };
  type Context = { oidc: { client: { clientId: string }; session: { accountId: string } } };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    Grant: new (init: { clientId: string; accountId: string }) => Grant;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
    interactionFinished(request: IncomingMessage, response: ServerResponse, result: Record<string, unknown>): Promise<void>;
  }
  export type { Account, Context };
}
