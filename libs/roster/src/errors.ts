import type { ImportProblem } from '@lookback/contracts';

/**
 * The whole file cannot be read as a table (empty, binary, an image, an old .xls, a broken CSV).
 * Row-level problems are never thrown: parsers return them in `ParseResult.problems`.
 */
export class RosterFormatError extends Error {
  readonly problems: ImportProblem[];

  constructor(message: string, problems?: ImportProblem[]) {
    super(message);
    this.name = 'RosterFormatError';
    this.problems = problems ?? [{ row: null, column: null, message }];
  }
}
