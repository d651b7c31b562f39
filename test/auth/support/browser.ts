// A minimal cookie-keeping HTTP client that follows redirects by hand, standing in for a browser.
interface StoredCookie {
  value: string;
  path: string;
}

export class Browser {
  /** hostname → cookie name → cookie; ports do not separate cookies, as in browsers. */
  private jar = new Map<string, Map<string, StoredCookie>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).hostname)?.get(name)?.value;
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.hostname) ?? new Map<string, StoredCookie>())]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`);
    const headers = new Headers(init.headers);
    if (cookies.length) headers.set("Cookie", cookies.join("; "));
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) this.store(target, line);
    return response;
  }

  /** Follows redirects until `stop(url)` says so or a non-redirect answers. */
  async follow(url: string, init: RequestInit = {}, stop: (url: string) => boolean = () => false): Promise<{ url: string; response: Response }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      current = new URL(response.headers.get("Location")!, current).href;
      await response.body?.cancel();
      if (stop(current)) return { url: current, response };
      response = await this.request(current);
    }
    return { url: current, response };
  }

  private store(url: URL, line: string) {
    const [pair, ...attributes] = line.split(";").map((s) => s.trim());
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attr("path") ?? "/";
    const expired = attr("max-age") === "0" || (attr("expires") !== undefined && Date.parse(attr("expires")!) < Date.now());
    const cookies = this.jar.get(url.hostname) ?? new Map<string, StoredCookie>();
    this.jar.set(url.hostname, cookies);
    if (expired || value === "") cookies.delete(name);
    else cookies.set(name, { value, path });
  }
}

/** The form fields a server-rendered page posts: its action and hidden inputs. */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`no form in page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { action: action.replace(/&amp;/g, "&"), fields };
}
