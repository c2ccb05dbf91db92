// Errors as the UI handles them: every failure is an ErrorPayload.

import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorPayload } from './bindings/ErrorPayload';
import { ERROR_CODES } from './bindings/rules';

export function isErrorPayload(e: unknown): e is ErrorPayload {
  if (typeof e !== 'object' || e === null) return false;
  const p = e as Record<string, unknown>;
  return typeof p.code === 'string' && ERROR_CODES.includes(p.code as ErrorCode) && typeof p.message === 'string';
}

/** Any rejection as an ErrorPayload: a payload stays as it is (with `fields` always a list), anything else is `internal`. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isErrorPayload(e)) {
    return { ...e, fields: Array.isArray(e.fields) ? e.fields : [] };
  }
  return { code: 'internal', message: String(e), fields: [] };
}

/** The messages of a validation error by field path; a field named twice gets both messages. */
export function fieldMessages(e: ErrorPayload): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: string, message: string) => {
    out[field] = out[field] ? `${out[field]} ${message}` : message;
  };
  if (e.fields.length > 0) {
    for (const f of e.fields) add(f.field, f.message);
  } else if (e.field) {
    add(e.field, e.message);
  }
  return out;
}

/**
 * The messages a form shows for a failure, by field path: a validation error's at the fields it
 * names, anything else (or a validation error that names no field) under `''`, for the form.
 * Every form maps a failure to its messages with this.
 */
export function errorsOf(e: unknown): Record<string, string> {
  const err = toErrorPayload(e);
  if (err.code === 'validation') {
    const byField = fieldMessages(err);
    if (Object.keys(byField).length > 0) return byField;
  }
  return { '': err.message };
}

/** The messages of `errors` that belong to none of `fields` (the form shows them under its inputs). */
export function otherMessages(errors: Record<string, string>, fields: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([k]) => !fields.includes(k))
    .map(([, v]) => v);
}

/** A line of a form's error summary: the input it links to (if any), how it names it, the message. */
export interface SummaryLine {
  id: string | null;
  label: string;
  message: string;
}

/**
 * Messages by field path placed on the form: by input id (two paths on one input share it) and as
 * the summary's lines. `locate` says which input shows a path and how the summary names it.
 */
export function placeErrors(
  byField: Record<string, string>,
  locate: (path: string) => { id: string | null; label: string },
): { errors: Record<string, string>; lines: SummaryLine[] } {
  const errors: Record<string, string> = {};
  const lines: SummaryLine[] = [];
  for (const [path, message] of Object.entries(byField)) {
    const { id, label } = locate(path);
    if (id) errors[id] = errors[id] ? `${errors[id]} ${message}` : message;
    lines.push({ id, label, message });
  }
  return { errors, lines };
}

/** Runs a call without waiting for it: its value goes to `ok`, its error (as an ErrorPayload) to `fail`. */
export function settle<T>(run: () => Promise<T>, ok: (value: T) => void, fail: (e: ErrorPayload) => void = () => {}): void {
  void (async () => {
    let value: T;
    try {
      value = await run();
    } catch (e) {
      fail(toErrorPayload(e));
      return;
    }
    ok(value);
  })();
}
