import type { Role } from './roles.js';

/**
 * The authorisation matrix: every route and who may call it. The guard denies any route that is
 * not listed here, and a test fails when a route exists without a rule (or a rule without a
 * route). Scope (towns) and plan secrecy are checked further inside the services.
 *
 * - 'public': anyone, signed in or not
 * - 'signed-in': any signed-in user
 * - a list of roles
 */
export type Rule = 'public' | 'signed-in' | readonly Role[];

export interface RouteRule {
  rule: Rule;
  /** A concrete path for the generated route × role tests. */
  example: string;
  /** A body for the generated tests of write routes. */
  body?: unknown;
}

const MASTER_DATA_READERS = ['admin', 'planner', 'leader'] as const;
const DATA_STEWARDS = ['admin', 'planner'] as const;
/** Never rectifiers, never admins: plans are the supervision group's secret. */
const PLAN_READERS = ['planner', 'leader', 'inspector'] as const;
const NO_PLAN = '00000000-0000-0000-0000-000000000000';
/** The ledger: planners run it, rectifiers work their own items, leaders read. */
const LEDGER_READERS = ['planner', 'leader', 'rectifier'] as const;
const LEDGER_WORKERS = ['planner', 'rectifier'] as const;
/** Rankings, their drill-down, quiz analysis and the dashboard. */
const RANKING_READERS = ['leader', 'planner'] as const;

export const ACCESS_MATRIX: Record<string, RouteRule> = {
  'GET /api/health': { rule: 'public', example: '/api/health' },
  'POST /api/auth/login': { rule: 'public', example: '/api/auth/login', body: {} },
  'POST /api/auth/logout': { rule: 'signed-in', example: '/api/auth/logout' },
  'GET /api/auth/me': { rule: 'signed-in', example: '/api/auth/me' },
  'POST /api/auth/password': { rule: 'signed-in', example: '/api/auth/password', body: {} },
  'GET /api/config/map': { rule: 'signed-in', example: '/api/config/map' },

  'GET /api/users': { rule: ['admin'], example: '/api/users' },
  'POST /api/users': { rule: ['admin'], example: '/api/users', body: {} },
  'PATCH /api/users/:username': { rule: ['admin'], example: '/api/users/nobody', body: {} },
  'GET /api/access-log': { rule: ['admin', 'planner'], example: '/api/access-log' },
  'GET /api/jobs': { rule: ['admin'], example: '/api/jobs' },
  'POST /api/jobs/:name/run': { rule: ['admin'], example: '/api/jobs/no-such-job/run' },

  'GET /api/overview': { rule: 'signed-in', example: '/api/overview' },
  'GET /api/towns': { rule: 'signed-in', example: '/api/towns' },
  'GET /api/villages': { rule: 'signed-in', example: '/api/villages' },
  'GET /api/villages/:code/households': { rule: DATA_STEWARDS, example: '/api/villages/411322100201/households' },
  'GET /api/projects': { rule: MASTER_DATA_READERS, example: '/api/projects' },
  'GET /api/assets': { rule: MASTER_DATA_READERS, example: '/api/assets' },
  'GET /api/cadres': { rule: MASTER_DATA_READERS, example: '/api/cadres' },
  'GET /api/snapshots': { rule: MASTER_DATA_READERS, example: '/api/snapshots' },
  'GET /api/snapshots/:id/content': { rule: DATA_STEWARDS, example: '/api/snapshots/00000000-0000-0000-0000-000000000000/content' },

  'GET /api/imports': { rule: DATA_STEWARDS, example: '/api/imports' },
  'GET /api/imports/templates/:file': { rule: DATA_STEWARDS, example: '/api/imports/templates/households.csv' },
  'POST /api/imports/:kind': { rule: DATA_STEWARDS, example: '/api/imports/households' },
  'GET /api/imports/:id': { rule: DATA_STEWARDS, example: '/api/imports/00000000-0000-0000-0000-000000000000' },

  // Plans: which plan a caller may see is decided in PlansService (404 for a plan one may not know of).
  'GET /api/plans': { rule: PLAN_READERS, example: '/api/plans' },
  'POST /api/plans': { rule: ['planner'], example: '/api/plans', body: {} },
  // Any signed-in caller reaches these, so that a plan one may not see answers 404 like one that
  // does not exist (a 403 would tell a rectifier that there is something to hide).
  'GET /api/plans/:id': { rule: 'signed-in', example: `/api/plans/${NO_PLAN}` },
  'POST /api/plans/:id/redraw': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/redraw`, body: {} },
  'POST /api/plans/:id/seal': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/seal` },
  'POST /api/plans/:id/reveal': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/reveal` },
  'POST /api/plans/:id/complete': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/complete` },
  'GET /api/plans/:id/draw-record.json': { rule: 'signed-in', example: `/api/plans/${NO_PLAN}/draw-record.json` },
  'GET /api/plans/:id/roster.csv': { rule: 'signed-in', example: `/api/plans/${NO_PLAN}/roster.csv` },
  // 督查报告: planners of the plan's towns; leaders once it is completed (404 otherwise, ReportService).
  'GET /api/plans/:id/report': { rule: ['planner', 'leader'], example: `/api/plans/${NO_PLAN}/report` },
  'GET /api/plans/:id/report.docx': { rule: ['planner', 'leader'], example: `/api/plans/${NO_PLAN}/report.docx` },
  'PUT /api/plans/:id/report/suggestions': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/report/suggestions`, body: { suggestions: [] } },

  // Teams, schedule and routes are the planner's; inspectors reach only their own days.
  'GET /api/plans/:id/teams': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/teams` },
  'POST /api/plans/:id/teams': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/teams`, body: {} },
  'DELETE /api/plans/:id/teams/:teamId': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/teams/${NO_PLAN}` },
  'GET /api/plans/:id/schedule': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/schedule` },
  'PUT /api/plans/:id/schedule': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/schedule`, body: {} },
  'POST /api/plans/:id/schedule/auto': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/schedule/auto`, body: {} },
  'GET /api/plans/:id/routes': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/routes` },
  'GET /api/my/days': { rule: ['inspector'], example: '/api/my/days' },
  'GET /api/my/days/:planId/:date': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24` },
  'GET /api/my/days/:planId/:date/quiz/:cadreNo': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/quiz/GB1` },
  'POST /api/my/days/:planId/:date/quiz/:cadreNo': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/quiz/GB1`, body: {} },
  'GET /api/my/days/:planId/:date/packet': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/packet` },
  'POST /api/my/days/:planId/:date/sync': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/sync`, body: {} },
  'PUT /api/my/days/:planId/:date/photos/:clientId': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/photos/${NO_PLAN}` },
  'POST /api/my/days/:planId/:date/sign-off': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/sign-off`, body: {} },
  'POST /api/my/days/:planId/:date/reopen': { rule: ['inspector'], example: `/api/my/days/${NO_PLAN}/2026-11-24/reopen`, body: {} },
  'GET /api/plans/:id/fieldwork': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/fieldwork` },

  // Scoring and rankings (排队): leaders and planners read (rows of their towns; only completed
  // plans count), admins edit the scoring scheme; never inspectors or rectifiers.
  'GET /api/scoring-schemes': { rule: ['admin', 'planner', 'leader'], example: '/api/scoring-schemes' },
  'GET /api/scoring-schemes/:version': { rule: ['admin', 'planner', 'leader'], example: '/api/scoring-schemes/2024.1' },
  'POST /api/scoring-schemes': { rule: ['admin'], example: '/api/scoring-schemes', body: {} },
  'GET /api/rankings/weeks': { rule: RANKING_READERS, example: '/api/rankings/weeks' },
  'GET /api/rankings': { rule: RANKING_READERS, example: '/api/rankings?level=village&week=latest' },
  'GET /api/rankings/export.xlsx': { rule: RANKING_READERS, example: '/api/rankings/export.xlsx?level=village&week=latest' },
  'GET /api/rankings/villages/:code': { rule: RANKING_READERS, example: '/api/rankings/villages/411322100201' },
  'GET /api/rankings/towns/:code': { rule: RANKING_READERS, example: '/api/rankings/towns/411322100000' },
  'POST /api/rankings/snapshot': { rule: ['planner', 'admin'], example: '/api/rankings/snapshot' },
  'GET /api/rankings/snapshots/:id/rescore': { rule: RANKING_READERS, example: `/api/rankings/snapshots/${NO_PLAN}/rescore` },
  'GET /api/quiz-analysis': { rule: RANKING_READERS, example: '/api/quiz-analysis' },
  'GET /api/dashboard': { rule: RANKING_READERS, example: '/api/dashboard' },

  // Rectification ledger (整改台账): rectifiers reach only issued items of their towns and leaders
  // only read (both checked in LedgerService, 404 for an item one may not see); planners run it.
  'GET /api/ledger/items': { rule: LEDGER_READERS, example: '/api/ledger/items' },
  'POST /api/ledger/items': { rule: ['planner'], example: '/api/ledger/items', body: {} },
  'GET /api/ledger/items/:id': { rule: LEDGER_READERS, example: `/api/ledger/items/${NO_PLAN}` },
  'PATCH /api/ledger/items/:id': { rule: LEDGER_WORKERS, example: `/api/ledger/items/${NO_PLAN}`, body: {} },
  'POST /api/ledger/items/:id/evidence': { rule: LEDGER_WORKERS, example: `/api/ledger/items/${NO_PLAN}/evidence` },
  'POST /api/ledger/items/:id/:action': { rule: LEDGER_WORKERS, example: `/api/ledger/items/${NO_PLAN}/start`, body: {} },
  'GET /api/ledger/items/:id/evidence/:evidenceId': { rule: LEDGER_READERS, example: `/api/ledger/items/${NO_PLAN}/evidence/${NO_PLAN}` },
  'DELETE /api/ledger/items/:id/evidence/:evidenceId': { rule: LEDGER_WORKERS, example: `/api/ledger/items/${NO_PLAN}/evidence/${NO_PLAN}` },
  'POST /api/ledger/issue': { rule: ['planner'], example: '/api/ledger/issue', body: { ids: [NO_PLAN] } },
  'GET /api/ledger/export/jianan.xlsx': { rule: LEDGER_READERS, example: '/api/ledger/export/jianan.xlsx' },
  'GET /api/ledger/export/xiangcheng.xlsx': { rule: LEDGER_READERS, example: '/api/ledger/export/xiangcheng.xlsx' },
  'GET /api/plans/:id/ledger/findings': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/ledger/findings` },
  'POST /api/plans/:id/ledger/generate': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/ledger/generate`, body: {} },
  'POST /api/plans/:id/ledger/issue': { rule: ['planner'], example: `/api/plans/${NO_PLAN}/ledger/issue` },
  'GET /api/plans/:id/household-ledger.xlsx': { rule: ['planner', 'leader'], example: `/api/plans/${NO_PLAN}/household-ledger.xlsx` },
  // Notifications: everyone reads and marks only their own.
  'GET /api/notifications': { rule: 'signed-in', example: '/api/notifications' },
  'POST /api/notifications/:id/read': { rule: 'signed-in', example: '/api/notifications/999999999/read' },
  'POST /api/notifications/read-all': { rule: 'signed-in', example: '/api/notifications/read-all' },

  // Checklist templates: the planner reads them (to see what inspectors will ask); admins edit.
  'GET /api/checklist-templates': { rule: ['admin', 'planner'], example: '/api/checklist-templates' },
  'GET /api/checklist-templates/:id': { rule: ['admin', 'planner'], example: '/api/checklist-templates/no-such-template' },
  'GET /api/checklist-templates/:id/xlsx': { rule: ['admin', 'planner'], example: '/api/checklist-templates/no-such-template/xlsx' },
  'PUT /api/checklist-templates/:id/xlsx': { rule: ['admin'], example: '/api/checklist-templates/no-such-template/xlsx' },
};

export function allows(rule: Rule, role: Role | null): boolean {
  if (rule === 'public') return true;
  if (role === null) return false;
  return rule === 'signed-in' || rule.includes(role);
}
