/**
 * Who may open which screen. Mirrors the API's access matrix (apps/api/src/auth/access-matrix.ts)
 * so that nobody is shown a link that can only answer 403; the API still decides every request.
 */
import type { Role } from '@lookback/contracts';
import type { Route } from './router.js';

/** A top-level screen (one nav link). */
export type Screen = 'today' | 'overview' | 'towns' | 'villages' | 'import' | 'plans' | 'checklists' | 'users' | 'access-log' | 'dashboard' | 'rankings' | 'quiz' | 'schemes' | 'ledger';

export interface NavItem {
  screen: Screen;
  route: Route;
  label: string;
  testId: string;
  /** Routes under this screen, so the link stays highlighted on detail pages. */
  matches: readonly Route['name'][];
}

const NAV_ITEMS: Record<Screen, NavItem> = {
  today: { screen: 'today', route: { name: 'my-days' }, label: '今日路线', testId: 'nav-today', matches: ['my-days', 'my-day', 'field'] },
  overview: { screen: 'overview', route: { name: 'overview' }, label: '首页', testId: 'nav-overview', matches: ['overview'] },
  towns: { screen: 'towns', route: { name: 'towns' }, label: '乡镇', testId: 'nav-towns', matches: ['towns'] },
  villages: { screen: 'villages', route: { name: 'villages', town: null }, label: '行政村', testId: 'nav-villages', matches: ['villages', 'village'] },
  import: { screen: 'import', route: { name: 'import' }, label: '数据导入', testId: 'nav-import', matches: ['import'] },
  plans: { screen: 'plans', route: { name: 'plans' }, label: '督查方案', testId: 'nav-plans', matches: ['plans', 'plan-new', 'plan', 'plan-report'] },
  checklists: { screen: 'checklists', route: { name: 'checklists' }, label: '排查表', testId: 'nav-checklists', matches: ['checklists'] },
  dashboard: { screen: 'dashboard', route: { name: 'dashboard' }, label: '领导驾驶舱', testId: 'nav-dashboard', matches: ['dashboard'] },
  rankings: {
    screen: 'rankings',
    route: { name: 'rankings', level: 'village', week: null },
    label: '排队',
    testId: 'nav-rankings',
    matches: ['rankings', 'ranking-village', 'ranking-town'],
  },
  quiz: { screen: 'quiz', route: { name: 'quiz-analysis' }, label: '测试分析', testId: 'nav-quiz', matches: ['quiz-analysis'] },
  schemes: { screen: 'schemes', route: { name: 'scoring-schemes' }, label: '评分方案', testId: 'nav-schemes', matches: ['scoring-schemes'] },
  ledger: { screen: 'ledger', route: { name: 'ledger', status: null, town: null, overdue: false, plan: null }, label: '整改台账', testId: 'nav-ledger', matches: ['ledger', 'ledger-item'] },
  users: { screen: 'users', route: { name: 'users' }, label: '用户管理', testId: 'nav-users', matches: ['users'] },
  'access-log': {
    screen: 'access-log',
    route: { name: 'access-log', targetType: null, targetId: null },
    label: '访问日志',
    testId: 'nav-access-log',
    matches: ['access-log'],
  },
};

/**
 * Screens per role, in nav order. Admins never see plans (they are the supervision group's
 * secret); leaders see plans only once completed (the API filters the list).
 */
const SCREENS_BY_ROLE: Record<Role, readonly Screen[]> = {
  admin: ['overview', 'towns', 'villages', 'import', 'checklists', 'schemes', 'users', 'access-log'],
  planner: ['overview', 'towns', 'villages', 'import', 'plans', 'rankings', 'dashboard', 'quiz', 'checklists', 'access-log', 'ledger'],
  // 领导: lands on the dashboard (驾驶舱), then 排队.
  leader: ['dashboard', 'rankings', 'quiz', 'overview', 'towns', 'villages', 'plans', 'ledger'],
  // 督查员: the day's route is what they open the app for, on a phone in the field.
  inspector: ['today', 'overview'],
  // 责任单位: its ledger items first (on a phone), then its town's overview.
  rectifier: ['ledger', 'overview'],
};

export function navItemsFor(role: Role): NavItem[] {
  return SCREENS_BY_ROLE[role].map((screen) => NAV_ITEMS[screen]);
}

/** The screen a route belongs to; null for the not-found page, which anyone may see. */
export function screenOf(route: Route): Screen | null {
  switch (route.name) {
    case 'overview':
      return 'overview';
    case 'towns':
      return 'towns';
    case 'villages':
    case 'village':
      return 'villages';
    case 'import':
      return 'import';
    case 'plans':
    case 'plan':
    case 'plan-new':
    case 'plan-report':
      return 'plans';
    case 'users':
      return 'users';
    case 'checklists':
      return 'checklists';
    case 'access-log':
      return 'access-log';
    case 'my-days':
    case 'my-day':
    case 'field':
      return 'today';
    case 'route-sheet':
      // A planner prints any team's day from the plan; an inspector only their own.
      return route.teamId ? 'plans' : 'today';
    case 'dashboard':
      return 'dashboard';
    case 'rankings':
    case 'ranking-village':
    case 'ranking-town':
      return 'rankings';
    case 'quiz-analysis':
      return 'quiz';
    case 'scoring-schemes':
      return 'schemes';
    case 'ledger':
    case 'ledger-item':
      return 'ledger';
    case 'not-found':
      return null;
  }
}

export function mayOpen(role: Role, route: Route): boolean {
  const screen = screenOf(route);
  if (screen === null) return true;
  if (!SCREENS_BY_ROLE[role].includes(screen)) return false;
  // Only the 督查组长 draws plans.
  if (route.name === 'plan-new') return role === 'planner';
  return true;
}

/** Where a role lands after signing in: the first screen of its nav. */
export function homeRoute(role: Role): Route {
  return NAV_ITEMS[SCREENS_BY_ROLE[role][0]].route;
}

/** Only planners create, draw, seal, reveal and complete plans. */
export function mayManagePlans(role: Role): boolean {
  return role === 'planner';
}

/** Role names as the API labels them (SessionUserDto carries roleLabel; this is for lists and pickers). */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  planner: '督查组长',
  inspector: '督查员',
  leader: '领导',
  rectifier: '责任单位',
};
