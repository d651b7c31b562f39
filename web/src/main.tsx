// Entry: the router. Every route goes through the gate; "/" is the Users page's front door.
import { Navigate, Route, Router } from "@solidjs/router";
import { render } from "solid-js/web";
import { Gate } from "./app/shell.tsx";
import { UsersPage } from "./users/users-page.tsx";

function NotFound() {
  return (
    <section class="card narrow">
      <h1 tabindex="-1">Page not found</h1>
      <p><a href="/admin/users">Go to Users</a></p>
    </section>
  );
}

render(
  () => (
    <Router>
      <Route path="/" component={() => <Gate>{() => <Navigate href="/admin/users" />}</Gate>} />
      <Route path="/admin" component={() => <Navigate href="/admin/users" />} />
      <Route path="/admin/users" component={() => <Gate>{(me) => <UsersPage me={me} />}</Gate>} />
      <Route path="*" component={() => <Gate>{() => <NotFound />}</Gate>} />
    </Router>
  ),
  document.getElementById("app")!,
);
