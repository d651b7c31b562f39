// What a signed-in default or guest user sees instead of the Users page.
import type { Me } from "../api/types.ts";
import { ROLE_LABELS } from "../users/labels.ts";
import { signOut } from "./session.ts";

export function NotAllowed(props: { me: Me }) {
  return (
    <section class="card narrow">
      <h1 tabindex="-1">You don't have access to this page</h1>
      <p>
        You're signed in as <strong>{props.me.email}</strong> with the {ROLE_LABELS[props.me.role]} role, which
        doesn't include managing users. If you need access, ask an admin of this instance.
      </p>
      <button type="button" onClick={() => void signOut()}>Sign out</button>
    </section>
  );
}
