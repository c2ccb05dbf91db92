// The field components: each control is named by its label, described by its error and
// hint (aria-describedby), invalid exactly while it has an error, and bound both ways.

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet, flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';

import { description } from '../../../test/a11y';
import { choices, idChoices } from './frame';
import CheckboxField from './CheckboxField.svelte';
import CheckboxGroup from './CheckboxGroup.svelte';
import DateField from './DateField.svelte';
import NumberField from './NumberField.svelte';
import SelectField from './SelectField.svelte';
import TextArea from './TextArea.svelte';
import TextField from './TextField.svelte';

/**
 * `props` with the `keys` of `state` added the way a parent's `bind:` passes them: read from
 * the state, and written back to it when the component assigns them.
 */
function bound<S extends object, P extends object>(state: S, keys: (keyof S & string)[], props: P): P & S {
  for (const key of keys) {
    Object.defineProperty(props, key, {
      enumerable: true,
      configurable: true,
      get: () => state[key],
      set: (v: S[typeof key]) => {
        state[key] = v;
      },
    });
  }
  return props as P & S;
}

describe('TextField', () => {
  it('names the input by its label and describes it by the error, then the hint', () => {
    const p = $state({ error: '' });
    render(TextField, {
      props: bound(p, ['error'], {
        id: 'tf-last',
        label: 'Last name',
        hint: 'As on the ID.',
      }),
    });
    const input = screen.getByLabelText('Last name');
    expect(input.tagName).toBe('INPUT');
    expect(input.id).toBe('tf-last');
    expect(input.getAttribute('type')).toBe('text');
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(description(input)).toBe('As on the ID.');

    p.error = 'Enter a last name.';
    flushSync();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toBe('Enter a last name. As on the ID.');
    expect(screen.getByText('Enter a last name.').getAttribute('role')).toBeNull();

    p.error = '';
    flushSync();
    expect(input.getAttribute('aria-invalid')).toBeNull();
    expect(description(input)).toBe('As on the ID.');
    expect(screen.queryByText('Enter a last name.')).toBeNull();
  });

  it('has no aria-describedby when there is nothing to describe it', () => {
    render(TextField, { props: { id: 'tf-area', label: 'Area' } });
    expect(screen.getByLabelText('Area').hasAttribute('aria-describedby')).toBe(false);
  });

  it('binds the value both ways', async () => {
    const user = userEvent.setup();
    const p = $state({ value: 'Núñez' });
    render(TextField, {
      props: bound(p, ['value'], {
        id: 'tf-bound',
        label: 'Last name',
      }),
    });
    const input = screen.getByLabelText('Last name') as HTMLInputElement;
    expect(input.value).toBe('Núñez');

    await user.clear(input);
    await user.type(input, 'Ortiz');
    expect(p.value).toBe('Ortiz');

    p.value = 'Reyes';
    flushSync();
    expect(input.value).toBe('Reyes');
  });

  it('says the context first, the record to screen readers only, and passes the rest to the input', () => {
    render(TextField, {
      props: {
        id: 'tf-agency',
        label: 'Agency',
        labelExtra: ', record 2',
        describedby: 'tf-legend',
        error: 'Too long.',
        type: 'tel',
        placeholder: 'Agency name',
        'data-autofocus': true,
      },
    });
    const legend = document.createElement('p');
    legend.id = 'tf-legend';
    legend.textContent = 'Record 2';
    document.body.append(legend);

    const input = screen.getByLabelText('Agency, record 2');
    expect(within(document.querySelector('label[for="tf-agency"]') as HTMLElement).getByText(', record 2').className).toBe(
      'visually-hidden',
    );
    expect(description(input)).toBe('Record 2 Too long.');
    expect(input.getAttribute('type')).toBe('tel');
    expect(input.getAttribute('placeholder')).toBe('Agency name');
    expect(input.hasAttribute('data-autofocus')).toBe(true);
    legend.remove();
  });

  it('announces the error of a field that saves on its own, and keeps a hidden label', () => {
    render(TextField, { props: { id: 'tf-owner', label: 'Owner of Venue', labelHidden: true, error: 'Too long.', alert: true } });
    expect(screen.getByRole('alert').textContent).toBe('Too long.');
    const input = screen.getByLabelText('Owner of Venue');
    expect(description(input)).toBe('Too long.');
    expect(document.querySelector('label[for="tf-owner"]')?.classList.contains('visually-hidden')).toBe(true);
  });

  it('is invalid without a message of its own when told so', () => {
    render(TextField, { props: { id: 'tf-other', label: 'Other group', invalid: true } });
    expect(screen.getByLabelText('Other group').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('TextArea', () => {
  it('names the textarea, describes it, and binds its value', async () => {
    const user = userEvent.setup();
    const p = $state({ value: '', error: '' });
    render(TextArea, {
      props: bound(p, ['error', 'value'], {
        id: 'ta-notes',
        label: 'Notes',
        hint: 'Seen by coordinators only.',
        rows: 3,
      }),
    });
    const area = screen.getByLabelText('Notes') as HTMLTextAreaElement;
    expect(area.tagName).toBe('TEXTAREA');
    expect(area.rows).toBe(3);
    await user.type(area, 'Two lines{Enter}here');
    expect(p.value).toBe('Two lines\nhere');

    p.error = 'Too long.';
    flushSync();
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(description(area)).toBe('Too long. Seen by coordinators only.');
  });
});

describe('DateField', () => {
  it('is a text input with the numeric keyboard and the format as placeholder, bound to the text', async () => {
    const user = userEvent.setup();
    const p = $state({ value: '' });
    render(DateField, {
      props: bound(p, ['value'], {
        id: 'df-born',
        label: 'Date of birth',
        error: 'Date of birth must be a date like 2024-03-31.',
      }),
    });
    const input = screen.getByLabelText('Date of birth') as HTMLInputElement;
    expect(input.getAttribute('type')).toBe('text');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.placeholder).toBe('YYYY-MM-DD');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toBe('Date of birth must be a date like 2024-03-31.');
    await user.type(input, '1990-12-31');
    expect(p.value).toBe('1990-12-31');
  });
});

describe('NumberField', () => {
  it('keeps the text as typed, calls oninput, and shows a button beside the input', async () => {
    const user = userEvent.setup();
    const p = $state({ value: '8' });
    const oninput = vi.fn();
    render(NumberField, {
      props: bound(p, ['value'], {
        id: 'nf-rows',
        label: 'Blank rows',
        hint: 'From 0 to 200.',
        min: 0,
        max: 200,
        oninput,
        after: createRawSnippet(() => ({ render: () => '<button type="submit">Save</button>' })),
      }),
    });
    const input = screen.getByLabelText('Blank rows') as HTMLInputElement;
    expect(input.getAttribute('type')).toBe('number');
    expect(input.getAttribute('min')).toBe('0');
    expect(input.getAttribute('max')).toBe('200');
    expect(input.getAttribute('step')).toBe('1');
    expect(input.value).toBe('8');
    expect(description(input)).toBe('From 0 to 200.');
    expect(input.parentElement?.querySelector('button')?.textContent).toBe('Save');

    await user.clear(input);
    await user.type(input, '12');
    expect(p.value).toBe('12');
    expect(oninput).toHaveBeenCalled();

    p.value = '30';
    flushSync();
    expect(input.value).toBe('30');
  });
});

describe('SelectField', () => {
  type Kind = 'probation' | 'parole';
  const kinds = choices<Kind>(['probation', 'parole'], { probation: 'Probation', parole: 'Parole' });

  it('offers the options by label, with the blank one first, and binds the value', async () => {
    const user = userEvent.setup();
    const p = $state<{ value: Kind | ''; error: string }>({ value: '', error: '' });
    render(SelectField<Kind>, {
      props: bound(p, ['error', 'value'], {
        id: 'sf-kind',
        label: 'Type',
        blank: 'Choose a type',
        options: kinds,
      }),
    });
    const select = screen.getByLabelText('Type') as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect(within(select).getAllByRole('option').map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['', 'Choose a type'],
      ['probation', 'Probation'],
      ['parole', 'Parole'],
    ]);
    expect(select.value).toBe('');

    await user.selectOptions(select, 'Parole');
    expect(p.value).toBe('parole');

    p.value = 'probation';
    p.error = 'Choose a type.';
    flushSync();
    expect(select.value).toBe('probation');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(description(select)).toBe('Choose a type.');
  });

  it('has no blank option unless asked', () => {
    render(SelectField<Kind>, { props: { id: 'sf-plain', label: 'Type', options: kinds, value: 'parole' } });
    const select = screen.getByLabelText('Type') as HTMLSelectElement;
    expect(within(select).getAllByRole('option')).toHaveLength(2);
    expect(select.value).toBe('parole');
  });
});

describe('CheckboxField', () => {
  it('names the box by its label, describes it by its error, and binds checked', async () => {
    const user = userEvent.setup();
    const p = $state({ checked: false, error: '' });
    render(CheckboxField, {
      props: bound(p, ['error', 'checked'], {
        id: 'cf-condition',
        label: 'Call-in is a condition',
        hint: 'Of the supervision.',
      }),
    });
    const box = screen.getByLabelText('Call-in is a condition') as HTMLInputElement;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    expect(box.getAttribute('aria-invalid')).toBeNull();
    expect(description(box)).toBe('Of the supervision.');

    await user.click(box);
    expect(p.checked).toBe(true);
    await user.click(screen.getByText('Call-in is a condition'));
    expect(p.checked).toBe(false);

    p.checked = true;
    p.error = 'Only for a supervision with an end date.';
    flushSync();
    expect(box.checked).toBe(true);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(description(box)).toBe('Only for a supervision with an end date. Of the supervision.');
  });
});

describe('CheckboxGroup', () => {
  type Need = 'housing' | 'jobs' | 'health';
  const needs = choices<Need>(['housing', 'jobs', 'health'], { housing: 'Housing', jobs: 'Jobs', health: 'Health' });

  it('binds the values checked, in the options’ order, and describes the group by its error', async () => {
    const user = userEvent.setup();
    const p = $state<{ value: Need[]; error: string }>({ value: ['health'], error: '' });
    render(CheckboxGroup<Need>, {
      props: bound(p, ['error', 'value'], {
        id: 'cg-needs',
        legend: 'Needs',
        options: needs,
      }),
    });
    const group = screen.getByRole('group', { name: 'Needs' });
    expect((within(group).getByLabelText('Health') as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByLabelText('Housing') as HTMLInputElement).checked).toBe(false);

    await user.click(within(group).getByLabelText('Housing'));
    expect(p.value).toEqual(['housing', 'health']);
    await user.click(within(group).getByLabelText('Health'));
    expect(p.value).toEqual(['housing']);

    p.value = ['jobs'];
    p.error = 'Choose at least one need.';
    flushSync();
    expect((within(group).getByLabelText('Jobs') as HTMLInputElement).checked).toBe(true);
    expect((within(group).getByLabelText('Housing') as HTMLInputElement).checked).toBe(false);
    expect(description(group)).toBe('Choose at least one need.');
  });

  it('shows what it is given instead of the boxes when there are no options', () => {
    render(CheckboxGroup, {
      props: {
        id: 'cg-groups',
        legend: 'Target groups',
        options: [],
        empty: createRawSnippet(() => ({ render: () => '<p>No groups yet.</p>' })),
      },
    });
    const group = screen.getByRole('group', { name: 'Target groups' });
    expect(within(group).getByText('No groups yet.')).toBeTruthy();
    expect(within(group).queryAllByRole('checkbox')).toHaveLength(0);
  });
});

describe('choices', () => {
  it('labels values from a table, a function or themselves, in their order', () => {
    expect(choices(['b', 'a'], { a: 'A', b: 'B' })).toEqual([
      { value: 'b', label: 'B' },
      { value: 'a', label: 'A' },
    ]);
    expect(choices(['x'], (v) => v.toUpperCase())).toEqual([{ value: 'x', label: 'X' }]);
    expect(choices(['Probation Dept.'])).toEqual([{ value: 'Probation Dept.', label: 'Probation Dept.' }]);
    expect(idChoices([{ id: 'g-1', name: 'Dixwell Boys' }])).toEqual([{ value: 'g-1', label: 'Dixwell Boys' }]);
  });
});
