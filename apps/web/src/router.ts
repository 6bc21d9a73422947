/**
 * A hash router (#/towns, #/villages?town=…, #/villages/:code, #/import): the API serves the built
 * files from one folder, so hash URLs need no server-side fallback route.
 */
export type Route =
  | { name: 'overview' }
  | { name: 'towns' }
  | { name: 'villages'; town: string | null }
  | { name: 'village'; code: string }
  | { name: 'import' }
  | { name: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean).map((s) => safeDecode(s));
  const query = new URLSearchParams(queryPart);
  if (segments.length === 0) return { name: 'overview' };
  const [first, second] = segments;
  if (first === 'towns' && segments.length === 1) return { name: 'towns' };
  if (first === 'villages' && segments.length === 1) return { name: 'villages', town: query.get('town') || null };
  if (first === 'villages' && segments.length === 2 && second) return { name: 'village', code: second };
  if (first === 'import' && segments.length === 1) return { name: 'import' };
  return { name: 'not-found', path: `/${segments.join('/')}` };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/';
    case 'towns':
      return '#/towns';
    case 'villages':
      return route.town ? `#/villages?town=${encodeURIComponent(route.town)}` : '#/villages';
    case 'village':
      return `#/villages/${encodeURIComponent(route.code)}`;
    case 'import':
      return '#/import';
    case 'not-found':
      return `#${route.path}`;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function navigate(href: string): void {
  window.location.hash = href;
}
