// Errors as the UI handles them: every failure is an ErrorPayload.

import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorPayload } from './bindings/ErrorPayload';

const CODES: ErrorCode[] = ['validation', 'not_found', 'conflict', 'locked', 'invalid_transition', 'io', 'internal'];

export function isErrorPayload(e: unknown): e is ErrorPayload {
  if (typeof e !== 'object' || e === null) return false;
  const p = e as Record<string, unknown>;
  return typeof p.code === 'string' && CODES.includes(p.code as ErrorCode) && typeof p.message === 'string';
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
