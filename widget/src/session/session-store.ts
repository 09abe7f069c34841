interface StoredSession {
  token: string;
  /** Changes on every save, so each save is a `storage` event in the visitor's other tabs. */
  savedAt: number;
}

/**
 * The conversation token of one widget, in localStorage so it outlives page loads and is shared by
 * tabs. Storage can be unavailable (blocked third-party storage, some private modes); the token is
 * then kept in memory for this page.
 */
export class SessionStore {
  readonly key: string;
  #fallback: string | null = null;

  constructor(publicId: string) {
    this.key = `helpdesk-chat:${publicId}`;
  }

  read(): string | null {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? "null") as Partial<StoredSession> | null;
      return typeof stored?.token === "string" ? stored.token : null;
    } catch {
      return this.#fallback;
    }
  }

  /** Saving the same token again is how this tab tells the others the conversation changed. */
  save(token: string): void {
    this.#fallback = token;
    try {
      localStorage.setItem(this.key, JSON.stringify({ token, savedAt: Date.now() } satisfies StoredSession));
    } catch {
      // Storage refused: the in-memory fallback keeps this page working.
    }
  }

  clear(): void {
    this.#fallback = null;
    try {
      localStorage.removeItem(this.key);
    } catch {
      // As in save().
    }
  }
}
