// What every form field has around its control: the label, a hint, the backend's message,
// and the ids that tie them to the control (aria-describedby, aria-invalid).

/** The parts of a field that are not its control. */
export interface FieldFrame {
  /** The control's id; the hint's and the error's ids derive from it (`<id>-hint`, `<id>-error`). */
  id: string;
  label: string;
  /** Said by screen readers after the label, not shown ("record 2"). */
  labelExtra?: string;
  /** The label is for screen readers only (a field in a table row, whose column says what it is). */
  labelHidden?: boolean;
  hint?: string;
  /** The message when what was typed is wrong; none when it is right. */
  error?: string | null;
  /** Invalid although the message stands elsewhere (named in `describedby`). */
  invalid?: boolean;
  /** The error is announced as it appears (a field that saves on its own, with no summary). */
  alert?: boolean;
  /** Ids of elements that give the control context its label does not say ("Record 1"). */
  describedby?: string;
  class?: string;
}

/** The attributes the control of a field carries. */
export interface ControlAttrs {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

/** The id, aria-invalid and aria-describedby (context, then error, then hint) of a field's control. */
export function controlAttrs(f: Pick<FieldFrame, 'id' | 'error' | 'invalid' | 'hint' | 'describedby'>): ControlAttrs {
  const ids = [f.describedby, f.error ? `${f.id}-error` : '', f.hint ? `${f.id}-hint` : ''];
  return {
    id: f.id,
    'aria-invalid': f.error || f.invalid ? 'true' : undefined,
    'aria-describedby': ids.filter(Boolean).join(' ') || undefined,
  };
}

const FRAME_KEYS: ReadonlySet<PropertyKey> = new Set<keyof FieldFrame>([
  'id',
  'label',
  'labelExtra',
  'labelHidden',
  'hint',
  'error',
  'invalid',
  'alert',
  'describedby',
  'class',
]);

/**
 * A field component's props split in two: the frame's, and the rest for its control
 * (`placeholder`, `onchange`, `data-autofocus`, attachments: symbol keys are kept).
 */
export function splitFrame<P extends FieldFrame>(props: P): { frame: FieldFrame; control: Omit<P, keyof FieldFrame> } {
  const frame: Record<PropertyKey, unknown> = {};
  const control: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(props)) {
    (FRAME_KEYS.has(key) ? frame : control)[key] = props[key as keyof P];
  }
  return { frame: frame as unknown as FieldFrame, control: control as Omit<P, keyof FieldFrame> };
}

/** Choices for a select or a group of checkboxes: each value with its label. */
export interface Choice<T extends string = string> {
  value: T;
  label: string;
}

/** The values in their order, each with its label from `labels` (none: the value is its label). */
export function choices<T extends string>(
  values: readonly T[],
  labels: Record<T, string> | ((v: T) => string) = (v) => v,
): Choice<T>[] {
  const label = typeof labels === 'function' ? labels : (v: T) => labels[v];
  return values.map((value) => ({ value, label: label(value) }));
}

/** Things with an id and a name (groups, call-ins, providers) as choices: the id, labelled by the name. */
export function idChoices(items: readonly { id: string; name: string }[]): Choice[] {
  return items.map((x) => ({ value: x.id, label: x.name }));
}
