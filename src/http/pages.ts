// Small server-rendered pages for links opened from email; hono/html escapes every interpolated value.
import { html } from "hono/html";
import type { SsoRefusal } from "../core/auth/sso-sign-in.ts";
import type { HtmlEscapedString } from "hono/utils/html";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
main{max-width:28rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:1.35rem;margin:0 0 1rem}p{margin:0 0 1rem}.welcome{white-space:pre-wrap;border-left:3px solid #c8ccd2;padding-left:.75rem}
.note{background:#fff7e0;border:1px solid #b7791f;border-radius:8px;padding:.6rem .8rem}
button,a.button{font:inherit;display:inline-block;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#1f5fbf;color:#fff;cursor:pointer;text-decoration:none}
button:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}`;

export function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,"><title>${title}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The GET of an emailed link shows a button; only the POST uses the link, so scanners cannot. */
export const confirmPage = (opts: { title: string; intro: string; welcome?: string | null; note?: string | null; action: string; button: string }) =>
  page(
    opts.title,
    html`<h1>${opts.title}</h1><p>${opts.intro}</p>
${opts.welcome ? html`<p class="welcome">${opts.welcome}</p>` : ""}
${opts.note ? html`<p class="note" role="note">${opts.note}</p>` : ""}
<form method="post" action="${opts.action}"><button type="submit">${opts.button}</button></form>`,
  );

export const linkInvalidPage = (what: "sign-in link" | "invitation") =>
  page(
    `This ${what} cannot be used`,
    html`<h1>This ${what} cannot be used</h1>
<p>It may have expired, been used already, or been replaced by a newer one.</p>
<p>${what === "invitation" ? "Ask the person who invited you to send a new invitation." : "Request a new sign-in link from the sign-in page."}</p>
<p><a class="button" href="/">Go to the sign-in page</a></p>`,
  );

/** A form post to POST /auth/email-link (no script): the same answer whether or not the account exists. */
export const checkEmailPage = () =>
  page(
    "Check your email",
    html`<h1>Check your email</h1>
<p>If this address belongs to an account, a sign-in link is on its way. It works once, within 15 minutes.</p>
<p><a class="button" href="/">Back to the sign-in page</a></p>`,
  );

/** What an SSO sign-in page can report: the core's refusals, a broken flow, or an unreachable provider. */
export type SsoProblem = SsoRefusal | "FAILED" | "UNAVAILABLE";

const SSO_PROBLEMS: Record<SsoProblem, string> = {
  FAILED: "The sign-in did not complete, or this sign-in page was already used. Start again from the sign-in page.",
  UNAVAILABLE: "Single sign-on is not available right now. Try again in a moment, or tell the operator.",
  EMAIL_NOT_VERIFIED: "Your identity provider did not confirm a verified email address for your account.",
  EMAIL_MISMATCH: "You signed in with a different email address than the one this invitation was sent to. Sign out of your identity provider and use the invited address.",
  INVITATION_INVALID: "This invitation can no longer be used. Ask the person who invited you to send a new invitation.",
  SUSPENDED: "This account is suspended. Ask an administrator if you think this is a mistake.",
  NOT_INVITED: "There is no account for this email address. Ask an administrator to invite you.",
  SUBJECT_CONFLICT: "This account is linked to a different sign-in identity. Ask an administrator for help.",
};

export const ssoProblemPage = (problem: SsoProblem) =>
  page(
    "You could not be signed in",
    html`<h1>You could not be signed in</h1>
<p>${SSO_PROBLEMS[problem]}</p>
<p><a class="button" href="/">Go to the sign-in page</a></p>`,
  );
