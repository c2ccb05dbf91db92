// The one label of each enum value, generated from the backend's table
// (src-tauri/domain/labels.rs → bindings/labels.ts). The catalog takes its enum labels
// from here, so a screen, a PDF and an export say the same words.

import { labels, values, type Label } from './bindings/labels';

export { labels, values };

/** The English labels of one enum. */
export function english<K extends string>(table: Record<K, Label>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(table) as K[]) out[key] = table[key].en;
  return out;
}
