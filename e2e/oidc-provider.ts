// A real OpenID Connect provider for the single sign-on spec (e2e/sso.spec.ts): panva's `oidc-provider`, run in
// the test process on a free port, with its own login and consent pages (devInteractions: any password is
// accepted, the login names the account). Each account's claims are the ones a staff directory would send.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";

export type OidcAccount = { email: string; email_verified?: boolean; name: string; groups?: string[] };

export type RunningOidcProvider = { issuer: string; clientId: string; clientSecret: string; close(): Promise<void> };

export async function startOidcProvider(options: { redirectUris: string[]; accounts: Record<string, OidcAccount> }): Promise<RunningOidcProvider> {
  const clientId = "easyfreelance-portal";
  const clientSecret = "e2e-oidc-client-secret-5c1b8d2e9f";
  // The port comes first: the issuer (and so every URL the provider hands out) contains it.
  const { createServer } = await import("node:http");
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // Claims in the ID token itself, as Entra ID and Keycloak send them (Auth.js reads the ID token).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ["e2e-oidc-cookie-key-not-a-secret"] },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) };
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
