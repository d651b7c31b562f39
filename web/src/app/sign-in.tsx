// The signed-out front door: an email for a one-time link, or the single sign-on button.
import { createEffect, createSignal, Match, onMount, Show, Switch } from "solid-js";
import { rememberReturnTo } from "./return-to.ts";
import { session, type AuthConfig } from "./session.ts";

export function SignIn(props: { config: AuthConfig }) {
  const [email, setEmail] = createSignal("");
  const [state, setState] = createSignal<"idle" | "sending" | "sent" | "failed">("idle");
  let sent: HTMLParagraphElement | undefined;
  onMount(rememberReturnTo);
  // The form is replaced by the answer: move focus to it, so keyboard and screen-reader users are not dropped.
  createEffect(() => {
    if (state() === "sent") sent?.focus();
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setState("sending");
    try {
      const response = await fetch("/auth/email-link", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: email().trim() }),
      });
      // 202 whether or not the account exists, so nothing here reveals who has one.
      setState(response.ok ? "sent" : "failed");
    } catch {
      setState("failed");
    }
  };

  return (
    <section class="card narrow">
      <h1 tabindex="-1">Sign in to {props.config.instanceName}</h1>
      <Show when={session.ended()}>
        <p class="notice notice-error" role="status">
          Your session has ended: you were signed out elsewhere, it expired, or an administrator changed your account.
          Sign in again to continue.
        </p>
      </Show>
      <Switch>
        <Match when={props.config.authMode === "sso"}>
          <p>Your organisation signs you in.</p>
          {/* rel=external: a server route, so the client-side router must not take the click. */}
          <a class="button primary" href="/auth/sso/start" rel="external">Continue with SSO</a>
        </Match>
        <Match when={state() === "sent"}>
          <p role="status" tabindex="-1" ref={sent}>
            Check your inbox. If <strong>{email().trim()}</strong> has an account, we've sent it a sign-in link.
          </p>
          <button type="button" class="link" onClick={() => setState("idle")}>Use another email</button>
        </Match>
        <Match when={true}>
          <form class="stack" onSubmit={submit}>
            <div class="field">
              <label for="signin-email">Email</label>
              <input id="signin-email" name="email" type="email" autocomplete="email" required
                value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
            </div>
            <button type="submit" class="primary" disabled={state() === "sending"}>Email me a sign-in link</button>
            {state() === "failed" && <p class="form-error" role="alert">Couldn't send the link. Try again.</p>}
          </form>
        </Match>
      </Switch>
    </section>
  );
}
