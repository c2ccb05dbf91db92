// The import wizard's words (People → Import…). Enum labels come from the backend's table.

import { english, labels } from './labels';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export const imports = {
  title: 'Import people',
  steps: ['File', 'Columns', 'Check', 'Import'] as const,
  stepOf: (i: number, total: number) => `Step ${i} of ${total}`,
  chooseFile: 'Choose a file…',
  chooseHint: 'A CSV or text file, or an Excel or OpenDocument workbook (.csv, .txt, .xlsx, .xls, .ods).',
  fileRead: (name: string, rows: number) => `${name}: ${plural(rows, 'row', 'rows')} under the header row.`,
  csvFormat: (encoding: string, delimiter: string, bom: boolean) =>
    `Read as ${encoding}${bom ? ' with a byte-order mark' : ''}, columns split at ${
      delimiter === '\t' ? 'tabs' : delimiter === ';' ? 'semicolons' : 'commas'
    }.`,
  blankRows: (k: number) => `${plural(k, 'blank row', 'blank rows')} left out.`,
  sheet: 'Sheet',
  cancel: 'Cancel',
  back: 'Back',
  next: 'Next',
  close: 'Close',
  column: 'Column in the file',
  firstValues: 'First values',
  field: 'Registry field',
  notImported: 'Not imported',
  savedMapping: 'Saved mapping',
  mappingName: 'Save this mapping as',
  saveMapping: 'Save mapping',
  mappingSaved: (name: string) => `Saved the mapping “${name}”; it is offered again for files with these columns.`,
  dateOrder: 'Dates like 03/04/1990 are written',
  dateOrderNeeded: (example: string) => `The file has dates like ${example}: choose how it writes them.`,
  capitalise: 'Write names in capitals as “Jane Doe”',
  capitalsFound: 'Some names are written in capitals.',
  counts: (ready: number, warnings: number, problems: number, skipped: number) =>
    `${n(ready)} ready, ${n(warnings)} with warnings, ${n(problems)} with problems, ${n(skipped)} skipped`,
  mappingProblems: 'Fix the mapping first',
  values: 'Values',
  valuesHint: 'These values are not words the app knows. Choose what each means.',
  valueIn: (field: string, rows: number) => `${field}, ${plural(rows, 'row', 'rows')}`,
  leaveEmpty: 'Leave empty',
  chooseMeaning: 'Choose…',
  issues: 'Rows to look at',
  issuesMore: (shown: number, total: number) => `The first ${n(shown)} of ${n(total)} are listed.`,
  row: 'Row',
  message: 'What is wrong',
  value: 'Value',
  fix: 'Fix',
  fixLabel: (row: number, column: string) => `Fix row ${row}, ${column}`,
  skipLabel: (row: number) => `Skip row ${row}`,
  decideLabel: (row: number) => `What to do with row ${row}`,
  skip: 'Skip the row',
  skipped: 'Skipped',
  problem: 'Problem',
  warning: 'Warning',
  matches: 'Already in the registry, or twice in the file',
  matchesHint: 'A sure match fills their empty fields unless you choose otherwise; decide each possible match.',
  matchedPerson: (name: string, dob: string | undefined) => `${name}${dob ? `, born ${dob}` : ''}`,
  matchedRow: (row: number) => `row ${row} of this file`,
  decide: 'Decide…',
  recheck: 'Check again',
  blockers: 'Before importing',
  wouldDo: (create: number, update: number) =>
    `Importing adds ${plural(create, 'person', 'people')} and updates ${plural(update, 'person', 'people')}.`,
  importNow: 'Import',
  importing: 'Importing… nothing is saved until every row is written.',
  done: (created: number, updated: number, skipped: number) =>
    `Imported: ${plural(created, 'person', 'people')} added, ${n(updated)} updated, ${plural(skipped, 'row', 'rows')} skipped.`,
  undo: 'Undo this import',
  undone: (k: number) => `The import is undone: ${plural(k, 'person', 'people')} back as they were.`,
  toList: 'Go to the people list',
  fields: english(labels.ImportField),
  dateOrders: english(labels.DateOrder),
  actions: english(labels.MatchAction),
  strengths: english(labels.MatchStrength),
};
