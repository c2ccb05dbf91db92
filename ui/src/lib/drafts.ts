// The unsaved input of the form on screen, kept in memory while the app is locked, so the
// coordinator comes back to the same form with what they had typed. Only a form with
// unsaved changes is kept (never lists or records of the registry), and only until the
// form that comes back after unlocking takes it; the shell drops whatever is not taken.

type Provide = () => unknown;

const offered = new Map<string, Provide>();
const kept = new Map<string, unknown>();

export const drafts = {
  /**
   * A form on screen offers its unsaved input under `key`: `provide` returns it, or
   * undefined when nothing is unsaved. Returns the function that withdraws the offer.
   */
  offer(key: string, provide: Provide): () => void {
    offered.set(key, provide);
    return () => {
      if (offered.get(key) === provide) offered.delete(key);
    };
  },

  /** The app is locking: keeps what the forms on screen have unsaved. */
  keep(): void {
    kept.clear();
    for (const [key, provide] of offered) {
      const draft = provide();
      if (draft !== undefined) kept.set(key, draft);
    }
  },

  /** The draft kept under `key`, which is then no longer kept. */
  take<T>(key: string): T | undefined {
    const draft = kept.get(key) as T | undefined;
    kept.delete(key);
    return draft;
  },

  /** The first draft kept under a key starting with `prefix` (its key too), which is then no longer kept. */
  takeFirst<T>(prefix: string): { key: string; draft: T } | undefined {
    for (const [key, draft] of kept) {
      if (key.startsWith(prefix)) {
        kept.delete(key);
        return { key, draft: draft as T };
      }
    }
    return undefined;
  },

  /** Drops every kept draft. */
  clear(): void {
    kept.clear();
  },
};
