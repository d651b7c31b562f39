// A throwaway local OpenID provider for trying AUTH_MODE=sso by hand (development only):
//   npx tsx test/auth/support/run-openid-provider.ts [gatehouse public URL, default http://localhost:8787]
// On its login screen any email address signs in as a verified account with that email.
import { startOpenIdProvider, CLIENT_ID, CLIENT_SECRET, type OpenIdProvider } from "./openid-provider.ts";

const publicUrl = (process.argv[2] ?? "http://localhost:8787").replace(/\/+$/, "");
const provider: OpenIdProvider = await startOpenIdProvider(`${publicUrl}/auth/sso/callback`, (login) =>
  /^[^\s@]+@[^\s@]+$/.test(login) ? { email: login.toLowerCase(), email_verified: true, preferred_username: login.split("@")[0] } : undefined,
);
// Gatehouse must answer at exactly the redirect URI registered above: say how, whatever URL was given.
const url = new URL(publicUrl);
const where = url.hostname === "localhost" && url.protocol === "http:"
  ? url.port && url.port !== "8787" ? `PORT=${url.port} ` : ""
  : `PUBLIC_URL=${publicUrl} `;
console.log(`OpenID provider for ${publicUrl} is running. Start Gatehouse with:

  ${where}AUTH_MODE=sso SSO_ISSUER=${provider.issuer} SSO_CLIENT_ID=${CLIENT_ID} SSO_CLIENT_SECRET=${CLIENT_SECRET} npm start

On the provider's login page, type the invited email as the login (any password).`);
