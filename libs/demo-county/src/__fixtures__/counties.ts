import { type CountySize, type DemoCounty, generateCounty } from '../generate-county.js';

const cache = new Map<string, DemoCounty>();

/** Generating `demo` takes a second or two: share one result per file's scenarios (read-only). */
export function county(size: CountySize, seed?: string): DemoCounty {
  const key = `${size}/${seed ?? ''}`;
  let c = cache.get(key);
  if (!c) {
    c = generateCounty({ size, seed });
    cache.set(key, c);
  }
  return c;
}

export function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
