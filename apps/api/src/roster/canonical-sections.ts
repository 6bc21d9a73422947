import type { ImportKind } from '@lookback/contracts';

/** Sections of the canonical roster, in the order they are concatenated (docs/import-formats.md). */
export const SECTIONS: readonly ImportKind[] = ['villages', 'households', 'projects', 'assets', 'cadres'];

/**
 * Splits canonical text into its sections (each starting with its `#name` line). Records are
 * JSON arrays, so a line starting with `#` can only be a section header.
 */
export function splitSections(text: string): Map<ImportKind, string> {
  const sections = new Map<ImportKind, string>();
  const headers = [...text.matchAll(/^#([a-z]+)\n/gm)];
  headers.forEach((match, i) => {
    const end = i + 1 < headers.length ? headers[i + 1].index : text.length;
    sections.set(match[1] as ImportKind, text.slice(match.index, end));
  });
  return sections;
}

/** Number of records in a section's text (its lines minus the header). */
export function sectionCount(section: string): number {
  let lines = 0;
  for (let i = section.indexOf('\n'); i !== -1; i = section.indexOf('\n', i + 1)) lines++;
  return lines - 1;
}
