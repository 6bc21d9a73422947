/**
 * A hash router (#/towns, #/villages?town=…, #/villages/:code, #/import, #/plans, #/plans/new,
 * #/plans/:id, #/users, #/access-log, #/today, #/today/:planId/:date, #/sheet/:planId/:date[/:teamId]): the API serves the built files from one folder, so hash URLs
 * need no server-side fallback route.
 */
export type Route =
  | { name: 'overview' }
  | { name: 'towns' }
  | { name: 'villages'; town: string | null }
  | { name: 'village'; code: string }
  | { name: 'import' }
  | { name: 'plans' }
  | { name: 'plan-new' }
  | { name: 'plan'; id: string }
  | { name: 'users' }
  /** 排查表模板 (checklist templates). */
  | { name: 'checklists' }
  | { name: 'access-log'; targetType: string | null; targetId: string | null }
  /** 今日路线: the inspector's team-days. */
  | { name: 'my-days' }
  | { name: 'my-day'; planId: string; date: string }
  /** 路线单 for printing: teamId for a planner (any team-day), null for the inspector's own day. */
  | { name: 'route-sheet'; planId: string; date: string; teamId: string | null }
  | { name: 'not-found'; path: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean).map((s) => safeDecode(s));
  const query = new URLSearchParams(queryPart);
  if (segments.length === 0) return { name: 'overview' };
  const [first, second, third, fourth] = segments;
  if (first === 'towns' && segments.length === 1) return { name: 'towns' };
  if (first === 'villages' && segments.length === 1) return { name: 'villages', town: query.get('town') || null };
  if (first === 'villages' && segments.length === 2 && second) return { name: 'village', code: second };
  if (first === 'import' && segments.length === 1) return { name: 'import' };
  if (first === 'plans' && segments.length === 1) return { name: 'plans' };
  if (first === 'plans' && segments.length === 2 && second === 'new') return { name: 'plan-new' };
  if (first === 'plans' && segments.length === 2 && second) return { name: 'plan', id: second };
  if (first === 'users' && segments.length === 1) return { name: 'users' };
  if (first === 'checklists' && segments.length === 1) return { name: 'checklists' };
  if (first === 'today' && segments.length === 1) return { name: 'my-days' };
  if (first === 'today' && segments.length === 3 && second && third && DATE.test(third)) return { name: 'my-day', planId: second, date: third };
  if (first === 'sheet' && (segments.length === 3 || segments.length === 4) && second && third && DATE.test(third)) {
    return { name: 'route-sheet', planId: second, date: third, teamId: fourth || null };
  }
  if (first === 'access-log' && segments.length === 1) {
    return { name: 'access-log', targetType: query.get('targetType') || null, targetId: query.get('targetId') || null };
  }
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
    case 'plans':
      return '#/plans';
    case 'plan-new':
      return '#/plans/new';
    case 'plan':
      return `#/plans/${encodeURIComponent(route.id)}`;
    case 'users':
      return '#/users';
    case 'checklists':
      return '#/checklists';
    case 'access-log': {
      const query = new URLSearchParams();
      if (route.targetType) query.set('targetType', route.targetType);
      if (route.targetId) query.set('targetId', route.targetId);
      const qs = query.toString();
      return qs ? `#/access-log?${qs}` : '#/access-log';
    }
    case 'my-days':
      return '#/today';
    case 'my-day':
      return `#/today/${encodeURIComponent(route.planId)}/${encodeURIComponent(route.date)}`;
    case 'route-sheet': {
      const base = `#/sheet/${encodeURIComponent(route.planId)}/${encodeURIComponent(route.date)}`;
      return route.teamId ? `${base}/${encodeURIComponent(route.teamId)}` : base;
    }
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
