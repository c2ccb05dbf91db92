// What a screen reader is told about an element, for tests.

/** The text of the elements that describe `el` (aria-describedby), in order, as a screen reader reads it. */
export function description(el: HTMLElement): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ');
}
