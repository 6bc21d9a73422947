import { describe, expect, it } from 'vitest';

import { RosterFormatError, parseCsv } from './index.js';

describe('parseCsv', () => {
  it('splits plain fields on commas and rows on CRLF or LF', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\n4,,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('does not start an extra row after the final line break', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps commas, escaped quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('名称,备注\r\n"香菇大棚,12座","他说""好""\r\n第二行"\r\n')).toEqual([
      ['名称', '备注'],
      ['香菇大棚,12座', '他说"好"\r\n第二行'],
    ]);
  });

  it('keeps an empty quoted field and trailing empty fields', () => {
    expect(parseCsv('"",x,\n')).toEqual([['', 'x', '']]);
  });

  it('names the line where an unterminated quote opens', () => {
    const text = 'a,b\n1,2\n"ok\nstill ok",3\n4,"never closed\n5,6\n';
    let error: unknown;
    try {
      parseCsv(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RosterFormatError);
    expect((error as RosterFormatError).message).toContain('第 5 行的引号没有闭合');
    expect((error as RosterFormatError).problems).toEqual([{ row: 5, column: null, message: (error as RosterFormatError).message }]);
  });
});
