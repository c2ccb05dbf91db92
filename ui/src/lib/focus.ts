// Focus helpers: a new screen puts focus on its heading (or first field), so keyboard and
// screen-reader users start where the content starts.

/** An attachment: focuses the element once it is in the document. */
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => {
    if (node.isConnected) node.focus();
  });
}

export function focusById(id: string): void {
  const el = document.getElementById(id);
  if (el) {
    el.focus();
    el.scrollIntoView?.({ block: 'center' });
  }
}
