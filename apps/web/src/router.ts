/**
 * A hash router (#/towns, #/villages?town=…, #/villages/:code, #/import, #/plans, #/plans/new,
 * #/plans/:id, #/users, #/access-log, #/today, #/today/:planId/:date, #/sheet/:planId/:date[/:teamId], #/field/:planId/:date[/stop/:kind/:code|/quiz/:cadreNo]): the API serves the built files from one folder, so hash URLs
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
  /** 督查报告 of a plan (#/plans/:id/report). */
  | { name: 'plan-report'; id: string }
  | { name: 'users' }
  /** 排查表模板 (checklist templates). */
  | { name: 'checklists' }
  | { name: 'access-log'; targetType: string | null; targetId: string | null }
  /** 今日路线: the inspector's team-days. */
  | { name: 'my-days' }
  | { name: 'my-day'; planId: string; date: string }
  /** 路线单 for printing: teamId for a planner (any team-day), null for the inspector's own day. */
  | { name: 'route-sheet'; planId: string; date: string; teamId: string | null }
  /** 离线工作台: the downloaded day (#/field/:planId/:date), one stop (…/stop/:kind/:code), a cadre's quiz (…/quiz/:cadreNo). */
  | { name: 'field'; planId: string; date: string; view: FieldView }
  /** 排队 (#/rankings?level=town&week=2026-W48), one village's or town's score behind it. */
  | { name: 'rankings'; level: 'village' | 'town'; week: string | null }
  | { name: 'ranking-village'; code: string; week: string | null }
  | { name: 'ranking-town'; code: string; week: string | null }
  | { name: 'quiz-analysis' }
  /** 领导驾驶舱 */
  | { name: 'dashboard' }
  | { name: 'scoring-schemes' }
  /** 整改台账 (#/ledger?status=…&town=…&overdue=1&plan=…) and one item (#/ledger/:id). */
  | { name: 'ledger'; status: string | null; town: string | null; overdue: boolean; plan: string | null }
  | { name: 'ledger-item'; id: string }
  | { name: 'not-found'; path: string };

export type FieldView = { kind: 'day' } | { kind: 'stop'; stopKind: string; stopCode: string } | { kind: 'quiz'; cadreNo: string };

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
  if (first === 'plans' && segments.length === 3 && second && third === 'report') return { name: 'plan-report', id: second };
  if (first === 'users' && segments.length === 1) return { name: 'users' };
  if (first === 'checklists' && segments.length === 1) return { name: 'checklists' };
  if (first === 'today' && segments.length === 1) return { name: 'my-days' };
  if (first === 'today' && segments.length === 3 && second && third && DATE.test(third)) return { name: 'my-day', planId: second, date: third };
  if (first === 'field' && second && third && DATE.test(third)) {
    const rest = segments.slice(3);
    if (rest.length === 0) return { name: 'field', planId: second, date: third, view: { kind: 'day' } };
    if (rest.length === 3 && rest[0] === 'stop') return { name: 'field', planId: second, date: third, view: { kind: 'stop', stopKind: rest[1], stopCode: rest[2] } };
    if (rest.length === 2 && rest[0] === 'quiz') return { name: 'field', planId: second, date: third, view: { kind: 'quiz', cadreNo: rest[1] } };
  }
  if (first === 'sheet' && (segments.length === 3 || segments.length === 4) && second && third && DATE.test(third)) {
    return { name: 'route-sheet', planId: second, date: third, teamId: fourth || null };
  }
  if (first === 'access-log' && segments.length === 1) {
    return { name: 'access-log', targetType: query.get('targetType') || null, targetId: query.get('targetId') || null };
  }
  if (first === 'rankings' && segments.length === 1) return { name: 'rankings', level: query.get('level') === 'town' ? 'town' : 'village', week: query.get('week') || null };
  if (first === 'rankings' && segments.length === 3 && second === 'villages' && third) return { name: 'ranking-village', code: third, week: query.get('week') || null };
  if (first === 'rankings' && segments.length === 3 && second === 'towns' && third) return { name: 'ranking-town', code: third, week: query.get('week') || null };
  if (first === 'quiz-analysis' && segments.length === 1) return { name: 'quiz-analysis' };
  if (first === 'dashboard' && segments.length === 1) return { name: 'dashboard' };
  if (first === 'scoring-schemes' && segments.length === 1) return { name: 'scoring-schemes' };
  if (first === 'ledger' && segments.length === 1) {
    return { name: 'ledger', status: query.get('status') || null, town: query.get('town') || null, overdue: query.get('overdue') === '1', plan: query.get('plan') || null };
  }
  if (first === 'ledger' && segments.length === 2 && second) return { name: 'ledger-item', id: second };
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
    case 'plan-report':
      return `#/plans/${encodeURIComponent(route.id)}/report`;
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
    case 'field': {
      const base = `#/field/${encodeURIComponent(route.planId)}/${encodeURIComponent(route.date)}`;
      if (route.view.kind === 'stop') return `${base}/stop/${encodeURIComponent(route.view.stopKind)}/${encodeURIComponent(route.view.stopCode)}`;
      if (route.view.kind === 'quiz') return `${base}/quiz/${encodeURIComponent(route.view.cadreNo)}`;
      return base;
    }
    case 'rankings': {
      const query = new URLSearchParams();
      if (route.level === 'town') query.set('level', 'town');
      if (route.week) query.set('week', route.week);
      const qs = query.toString();
      return qs ? `#/rankings?${qs}` : '#/rankings';
    }
    case 'ranking-village':
      return `#/rankings/villages/${encodeURIComponent(route.code)}${route.week ? `?week=${encodeURIComponent(route.week)}` : ''}`;
    case 'ranking-town':
      return `#/rankings/towns/${encodeURIComponent(route.code)}${route.week ? `?week=${encodeURIComponent(route.week)}` : ''}`;
    case 'quiz-analysis':
      return '#/quiz-analysis';
    case 'dashboard':
      return '#/dashboard';
    case 'scoring-schemes':
      return '#/scoring-schemes';
    case 'ledger': {
      const query = new URLSearchParams();
      if (route.status) query.set('status', route.status);
      if (route.town) query.set('town', route.town);
      if (route.overdue) query.set('overdue', '1');
      if (route.plan) query.set('plan', route.plan);
      const qs = query.toString();
      return qs ? `#/ledger?${qs}` : '#/ledger';
    }
    case 'ledger-item':
      return `#/ledger/${encodeURIComponent(route.id)}`;
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
