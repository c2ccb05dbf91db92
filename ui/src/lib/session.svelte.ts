// Where the session stands: the unlock screen or the app, and why it was locked.

import type { SessionStatus } from './bindings/SessionStatus';
import { drafts } from './drafts';

class Session {
  /** Null until the backend has answered the first `session_status`. */
  status = $state<SessionStatus | null>(null);
  /** Why the app went back to the unlock screen, shown there. */
  lockMessage = $state<string | null>(null);
  /** A one-off notice for the app's first screen (after loading the demo data). */
  notice = $state<string | null>(null);

  get unlocked(): boolean {
    return this.status?.unlocked ?? false;
  }

  set(status: SessionStatus): void {
    if (!status.unlocked) this.#locking();
    this.status = status;
    if (status.unlocked) this.lockMessage = null;
  }

  /** The backend says it is locked (a `locked` error, or after `lock()`). */
  markLocked(message: string | null = null): void {
    this.#locking();
    if (this.status) this.status = { ...this.status, unlocked: false };
    this.lockMessage = message;
  }

  /** Before the app leaves for the unlock screen: the open form's unsaved input is kept for after unlocking. */
  #locking(): void {
    if (this.unlocked) drafts.keep();
  }
}

export const session = new Session();
