interface StoredSession {
  token: string;
  /** Changes on every save, so each save is a `storage` event in the visitor's other tabs. */
  savedAt: number;
  /** A person is looking after the conversation: the next page follows it live before the chat is opened. */
  withPerson?: boolean;
}

/**
 * The conversation token of one widget, in localStorage so it outlives page loads and is shared by
 * tabs. Storage can be unavailable (blocked third-party storage, some private modes); the token is
 * then kept in memory for this page.
 */
export class SessionStore {
  readonly key: string;
  #fallback: string | null = null;
  /** As last stored, so a save keeps it. */
  withPerson = false;

  constructor(publicId: string) {
    this.key = `helpdesk-chat:${publicId}`;
    try {
      this.withPerson = this.#stored()?.withPerson === true;
    } catch {
      // Storage unavailable: nothing was stored.
    }
  }

  #stored(): Partial<StoredSession> | null {
    return JSON.parse(localStorage.getItem(this.key) ?? "null") as Partial<StoredSession> | null;
  }

  read(): string | null {
    try {
      const stored = this.#stored();
      return typeof stored?.token === "string" ? stored.token : null;
    } catch {
      return this.#fallback;
    }
  }

  /** Saving the same token again is how this tab tells the others the conversation changed. */
  save(token: string): void {
    this.#fallback = token;
    try {
      localStorage.setItem(this.key, JSON.stringify({ token, savedAt: Date.now(), withPerson: this.withPerson } satisfies StoredSession));
    } catch {
      // Storage refused: the in-memory fallback keeps this page working.
    }
  }

  /** Records whether a person is looking after the conversation (saving only when that changed). */
  rememberPerson(token: string, withPerson: boolean): void {
    if (withPerson === this.withPerson) return;
    this.withPerson = withPerson;
    this.save(token);
  }

  clear(): void {
    this.#fallback = null;
    this.withPerson = false;
    try {
      localStorage.removeItem(this.key);
    } catch {
      // As in save().
    }
  }
}
