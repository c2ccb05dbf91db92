import { describe, expect, it } from 'vitest';

import { errorsOf, fieldMessages, otherMessages, placeErrors } from './errors';

describe('errorsOf', () => {
  it('gives a validation error’s messages by field, two for one field joined', () => {
    const e = {
      code: 'validation',
      message: 'Enter a name.',
      field: 'name',
      fields: [
        { field: 'name', message: 'Enter a name.' },
        { field: 'name', message: 'Use at most 80 characters.' },
        { field: 'onDate', message: 'Use a date like 2027-03-14.' },
      ],
    };
    expect(errorsOf(e)).toEqual({ name: 'Enter a name. Use at most 80 characters.', onDate: 'Use a date like 2027-03-14.' });
    expect(errorsOf(e)).toEqual(fieldMessages(e as Parameters<typeof fieldMessages>[0]));
  });

  it('uses the one field of a validation error without a list', () => {
    expect(errorsOf({ code: 'validation', message: 'Too long.', field: 'role', fields: [] })).toEqual({ role: 'Too long.' });
  });

  it('puts any other failure, and a validation error naming no field, under the form', () => {
    expect(errorsOf({ code: 'conflict', message: 'Already linked.', fields: [] })).toEqual({ '': 'Already linked.' });
    expect(errorsOf({ code: 'validation', message: 'Nothing to save.', fields: [] })).toEqual({ '': 'Nothing to save.' });
    expect(errorsOf(new Error('boom'))).toEqual({ '': 'Error: boom' });
  });
});

describe('otherMessages', () => {
  it('keeps the messages of no listed field, the form’s included', () => {
    expect(otherMessages({ onDate: 'a', '': 'b', scope: 'c' }, ['onDate', 'byWhom'])).toEqual(['b', 'c']);
    expect(otherMessages({ onDate: 'a' }, ['onDate'])).toEqual([]);
  });
});

describe('placeErrors', () => {
  it('puts each path’s message on its input and in the summary, two paths on one input joined', () => {
    const locate = (path: string) =>
      path === 'nowhere' ? { id: null, label: '' } : { id: `f-${path.split('.')[0]}`, label: path };
    expect(placeErrors({ aliases: 'One.', 'aliases.1': 'Two.', nowhere: 'Three.' }, locate)).toEqual({
      errors: { 'f-aliases': 'One. Two.' },
      lines: [
        { id: 'f-aliases', label: 'aliases', message: 'One.' },
        { id: 'f-aliases', label: 'aliases.1', message: 'Two.' },
        { id: null, label: '', message: 'Three.' },
      ],
    });
  });
});
