// The frame of every page, and the gate: signed out → sign-in; no listUsers right → not allowed.
import { useNavigate } from "@solidjs/router";
import { createEffect, Match, Show, Switch, type JSX } from "solid-js";
import { describeFailure, toFailure } from "../api/errors.ts";
import type { Me } from "../api/types.ts";
import { NotAllowed } from "./not-allowed.tsx";
import { takeReturnTo } from "./return-to.ts";
import { session, signOut } from "./session.ts";
import { SignIn } from "./sign-in.tsx";

function TopBar(props: { me: Me | null | undefined }) {
  return (
    <header class="topbar">
      <a class="brand" href="/admin/users">{session.authConfig()?.instanceName ?? "Gatehouse"}</a>
      <Show when={props.me}>
        {(me) => (
          <div class="who">
            <span class="muted">{me().email}</span>
            <button type="button" class="small" onClick={() => void signOut()}>Sign out</button>
          </div>
        )}
      </Show>
    </header>
  );
}

/** Renders its children only for an operator allowed to list users. */
export function Gate(props: { children: (me: Me) => JSX.Element }) {
  const { me, authConfig } = session;
  const current = () => (me.state === "errored" ? undefined : me.latest);
  const navigate = useNavigate();
  // Just signed in: back to the view a shared link pointed at before sign-in.
  createEffect(() => {
    if (!current()?.can.listUsers) return;
    const to = takeReturnTo();
    if (to) navigate(to, { replace: true });
  });
  return (
    <>
      {/* rel=external: plain fragment navigation, which also moves the keyboard start point. */}
      <a class="skip" href="#main" rel="external">Skip to content</a>
      <TopBar me={current()} />
      <main id="main" tabindex="-1">
        <Switch>
          <Match when={me.state === "errored"}>
            <div class="card narrow" role="alert">
              <p>Couldn't reach the server. {describeFailure(toFailure(me.error))}</p>
              <button type="button" onClick={() => void session.reloadMe()}>Try again</button>
            </div>
          </Match>
          <Match when={current() === undefined || authConfig.loading}>
            <p class="state" role="status">Loading…</p>
          </Match>
          <Match when={current() === null}>
            <SignIn config={authConfig()!} />
          </Match>
          <Match when={!current()!.can.listUsers}>
            <NotAllowed me={current()!} />
          </Match>
          <Match when={current()}>{(me) => props.children(me())}</Match>
        </Switch>
      </main>
    </>
  );
}
