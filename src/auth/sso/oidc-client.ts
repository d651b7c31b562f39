// The OpenID Connect relying party: discovery, PKCE, state, nonce and ID-token validation, by oauth4webapi.
import * as oauth from "oauth4webapi";
import type { SsoIdentity } from "../../core/auth/sso-sign-in.ts";
import type { Config } from "../../core/config.ts";
import { acceptable, displayNameSchema, emailSchema, LIMITS, usernameSchema } from "../../core/schemas.ts";

export const SSO_SCOPES = "openid email profile";

export interface AuthorizationParams {
  state: string;
  nonce: string;
  codeVerifier: string;
}

type SsoConfig = NonNullable<Config["sso"]>;

/** Plain http is for a provider on this machine, or anywhere outside production. */
function allowsHttp(issuer: URL, production: boolean): boolean {
  return !production || ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

export function createOidcClient(sso: SsoConfig, options: { redirectUri: string; production: boolean; fetch?: typeof fetch }) {
  const issuer = new URL(sso.issuer);
  const http = { [oauth.allowInsecureRequests]: issuer.protocol === "http:" && allowsHttp(issuer, options.production), ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}) };
  const client: oauth.Client = { client_id: sso.clientId };
  let discovered: Promise<oauth.AuthorizationServer> | null = null;
  const jwks: oauth.JWKSCacheInput = {};

  /** Discovery is cached per process or isolate; a failed attempt is retried on the next request. */
  const server = () =>
    (discovered ??= oauth
      .discoveryRequest(issuer, { algorithm: "oidc", ...http })
      .then((response) => oauth.processDiscoveryResponse(issuer, response))
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      }));

  const clientAuth = (as: oauth.AuthorizationServer): oauth.ClientAuth => {
    if (!sso.clientSecret) return oauth.None();
    const methods = as.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
    return methods.includes("client_secret_basic") ? oauth.ClientSecretBasic(sso.clientSecret) : oauth.ClientSecretPost(sso.clientSecret);
  };

  return {
    newParams: (): AuthorizationParams => ({
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      codeVerifier: oauth.generateRandomCodeVerifier(),
    }),

    async authorizationUrl(params: AuthorizationParams, loginHint?: string): Promise<URL> {
      const as = await server();
      const url = new URL(as.authorization_endpoint!);
      url.search = new URLSearchParams({
        client_id: client.client_id,
        redirect_uri: options.redirectUri,
        response_type: "code",
        scope: SSO_SCOPES,
        state: params.state,
        nonce: params.nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(params.codeVerifier),
        code_challenge_method: "S256",
        ...(loginHint ? { login_hint: loginHint } : {}),
      }).toString();
      return url;
    },

    /** Exchanges the code and validates the ID token (signature, issuer, audience, expiry, nonce); throws on any failure. */
    async identify(callbackUrl: URL, params: AuthorizationParams): Promise<SsoIdentity> {
      const as = await server();
      const callback = oauth.validateAuthResponse(as, client, callbackUrl, params.state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth(as), callback, options.redirectUri, params.codeVerifier, http);
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: params.nonce, requireIdToken: true });
      // TLS already vouches for the token endpoint; the signature check also covers plain-http dev providers.
      await oauth.validateApplicationLevelSignature(as, response, { ...http, [oauth.jwksCache]: jwks });
      const idToken = oauth.getValidatedIdTokenClaims(tokens)!;
      let claims: Record<string, unknown> = idToken;
      // Some providers put email only in userinfo; its subject must match the ID token's.
      if (typeof idToken.email !== "string" && as.userinfo_endpoint) {
        const info = await oauth.userInfoRequest(as, client, tokens.access_token, http);
        claims = { ...(await oauth.processUserInfoResponse(as, client, idToken.sub, info)), sub: idToken.sub };
      }
      // Claims pass the same rules as operators' input; what fails them is left out, never stored.
      const name = typeof claims.name === "string" ? claims.name.trim().slice(0, LIMITS.displayName) : null;
      return {
        subject: idToken.sub,
        email: acceptable(emailSchema, claims.email),
        emailVerified: isEmailVerified(claims),
        username: acceptable(usernameSchema, claims.preferred_username),
        name: acceptable(displayNameSchema, name),
      };
    },
  };
}

/**
 * `email_verified: true`; Microsoft Entra ID sends no such claim, so there the optional claim
 * `xms_edov: true` (the email's domain is verified by its owner) counts instead, when configured.
 */
function isEmailVerified(claims: Record<string, unknown>): boolean {
  if (claims.email_verified !== undefined) return claims.email_verified === true;
  return claims.xms_edov === true;
}

export type OidcClient = ReturnType<typeof createOidcClient>;
