import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SessionStore } from "./session-store";

/** The browser's localStorage, in memory, counting writes. */
class MemoryStorage {
  items = new Map<string, string>();
  writes = 0;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes++;
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  Object.defineProperty(globalThis, "localStorage", { value: storage, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, "localStorage");
});

describe("SessionStore", () => {
  it("tells the next page that a person is looking after the conversation", () => {
    const page = new SessionStore("wgt_1");
    page.save("token-1");
    expect(new SessionStore("wgt_1").withPerson).toBe(false);

    page.rememberPerson("token-1", true);
    const nextPage = new SessionStore("wgt_1");
    expect(nextPage.withPerson).toBe(true);
    expect(nextPage.read()).toBe("token-1");
    expect(new SessionStore("wgt_2").withPerson).toBe(false);

    // Later saves (feedback, a handover request) keep it; the end of the handover clears it.
    nextPage.save("token-1");
    expect(new SessionStore("wgt_1").withPerson).toBe(true);
    nextPage.rememberPerson("token-1", false);
    expect(new SessionStore("wgt_1").withPerson).toBe(false);
  });

  it("writes only when it changes, as every write wakes the visitor's other tabs", () => {
    const store = new SessionStore("wgt_1");
    store.rememberPerson("token-1", true);
    const writes = storage.writes;
    store.rememberPerson("token-1", true);
    expect(storage.writes).toBe(writes);
  });

  it("forgets it with the session", () => {
    const store = new SessionStore("wgt_1");
    store.rememberPerson("token-1", true);
    store.clear();
    expect(store.withPerson).toBe(false);
    expect(new SessionStore("wgt_1").withPerson).toBe(false);
    expect(new SessionStore("wgt_1").read()).toBeNull();
  });

  it("works for this page when storage is refused", () => {
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
    const store = new SessionStore("wgt_1");
    expect(store.withPerson).toBe(false);
    store.rememberPerson("token-1", true);
    expect(store.read()).toBe("token-1");
    expect(store.withPerson).toBe(true);
  });

  it("ignores a stored value it cannot read", () => {
    storage.setItem("helpdesk-chat:wgt_1", "{not json");
    const store = new SessionStore("wgt_1");
    expect(store.withPerson).toBe(false);
  });
});
