// Calls in flight, for the progress indicator: it shows only for calls that take
// more than half a second, so quick ones do not flicker.

import { untrack } from 'svelte';

export const BUSY_DELAY_MS = 500;

class Busy {
  pending = $state(0);
  visible = $state(false);
  #timer: ReturnType<typeof setTimeout> | null = null;

  // Calls start inside effects: reading the count there must not make the effect depend on it.
  start(): void {
    untrack(() => {
      this.pending += 1;
      if (this.#timer === null && !this.visible) {
        this.#timer = setTimeout(() => {
          this.#timer = null;
          if (this.pending > 0) this.visible = true;
        }, BUSY_DELAY_MS);
      }
    });
  }

  end(): void {
    untrack(() => {
      this.pending = Math.max(0, this.pending - 1);
      if (this.pending === 0) {
        if (this.#timer !== null) clearTimeout(this.#timer);
        this.#timer = null;
        this.visible = false;
      }
    });
  }
}

export const busy = new Busy();
