// Keyboard shortcuts a view handles itself (the shell owns the window's key listener).
// Views register handlers while they are shown; the most recent registration wins.

export type ShortcutAction = 'search' | 'new' | 'save' | 'cancel' | 'print';
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

const stack: ShortcutHandlers[] = [];

/** Registers handlers; returns the function that removes them (use it as an $effect's cleanup). */
export function useShortcuts(handlers: ShortcutHandlers): () => void {
  stack.push(handlers);
  return () => {
    const i = stack.lastIndexOf(handlers);
    if (i >= 0) stack.splice(i, 1);
  };
}

/** Runs the newest handler for `action`; false when no view handles it. */
export function runShortcut(action: ShortcutAction): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const handler = stack[i][action];
    if (handler) {
      handler();
      return true;
    }
  }
  return false;
}
