import iconv from 'iconv-lite';

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes an uploaded text file. Valid UTF-8 (with or without BOM) is read as UTF-8; anything
 * else is read as GB18030, the superset of GBK/GB2312 that Excel and WPS on Chinese Windows use
 * for "CSV (逗号分隔)". A leading BOM is removed in both cases.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8Strict.decode(bytes);
  } catch {
    text = iconv.decode(bytes, 'gb18030');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
