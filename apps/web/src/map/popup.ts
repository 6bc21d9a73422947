/**
 * Leaflet popups take HTML strings; names come from imported files, so everything is escaped.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A popup: a bold title, an optional link, then label/value rows. */
export function popupHtml(title: string, rows: ReadonlyArray<readonly [string, string]>, link?: { href: string; text: string }): string {
  const body = rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const anchor = link ? `<a class="popup-link" href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a>` : '';
  return `<div class="popup"><strong>${escapeHtml(title)}</strong><table>${body}</table>${anchor}</div>`;
}
