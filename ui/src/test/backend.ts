// What the backend sends when a command fails, built the way `src-tauri/error.rs` builds it
// (`AppError::payload`), so a mocked rejection has the shape and the fields a real one has.
// The messages themselves come from the Rust sources; each test names the file it took one from.

import type { ErrorCode } from '../lib/bindings/ErrorCode';
import type { ErrorPayload } from '../lib/bindings/ErrorPayload';

/**
 * `AppError::Validation`: every wrong input of a form. The payload's `message` and `field` are
 * the first one's; `fields` lists them all.
 */
export function invalid(...fields: [field: string, message: string][]): ErrorPayload {
  if (fields.length === 0) return { code: 'validation', message: 'The input is not valid.', fields: [] };
  const [[field, message]] = fields;
  return {
    code: 'validation',
    message,
    field,
    fields: fields.map(([f, msg]) => ({ field: f, message: msg })),
  } satisfies ErrorPayload;
}

/**
 * Any other `AppError` (`NotFound`, `Conflict`, `Locked`, `InvalidTransition`, `Io`,
 * `Internal`): a code and a sentence; no `field` (it is left out, not null) and no `fields`.
 */
export function refused(code: Exclude<ErrorCode, 'validation'>, message: string): ErrorPayload {
  return { code, message, fields: [] } satisfies ErrorPayload;
}
