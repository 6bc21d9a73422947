import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { decodeText } from './index.js';

const text = '户编号,户主姓名\r\nH0001,张德山\r\n';

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode(text))).toBe(text);
  });

  it('reads UTF-8 with a BOM and removes the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeText(bytes)).toBe(text);
  });

  it('reads GB18030 (what Excel on Chinese Windows saves as CSV) when the bytes are not valid UTF-8', () => {
    const bytes = new Uint8Array(iconv.encode(text, 'gb18030'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes)).toBe(text);
  });

  it('reads GB18030 characters outside GBK (rare surname 𬌗) and strips a GB18030 BOM', () => {
    const rare = '户主姓名\n王𬌗\n';
    const bytes = new Uint8Array(iconv.encode(rare, 'gb18030', { addBOM: true }));
    expect(decodeText(bytes)).toBe(rare);
  });
});
