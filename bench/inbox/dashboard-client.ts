/**
 * A dashboard user over HTTP, as a browser is one: the login form with its CSRF token, then the
 * session cookie on every request, and CSRF-checked form posts.
 */
export class DashboardClient {
  private readonly cookies = new Map<string, string>();
  private csrf = "";

  constructor(readonly baseUrl: string) {}

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const separator = pair.indexOf("=");
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { Cookie: this.cookieHeader() }, redirect: "manual" });
    this.remember(response);
    return response;
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { Cookie: this.cookieHeader(), Origin: this.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrf: this.csrf }),
      redirect: "manual",
    });
    this.remember(response);
    return response;
  }

  async login(email: string, password: string): Promise<void> {
    const page = await this.get("/login");
    const token = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    if (!token) throw new Error("The login page has no CSRF token.");
    this.csrf = token;
    const response = await this.post("/login", { email, password, redirectTo: "" });
    if (response.status !== 302) throw new Error(`Login answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
}
