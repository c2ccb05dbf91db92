// Generated from the backend's rules by tests/bindings.rs. Do not edit.

import type { ErrorCode } from './ErrorCode';
import type { NeedCategory } from './NeedCategory';

/** Every error code the backend sends (src-tauri/error.rs). */
export const ERROR_CODES: ErrorCode[] = ['validation', 'not_found', 'conflict', 'locked', 'invalid_transition', 'io', 'internal'];

/** The needs whose referrals carry the 42 CFR Part 2 flag (domain/dayof.rs, carries_part2). */
export const PART2_NEEDS: NeedCategory[] = ['substance_use'];
