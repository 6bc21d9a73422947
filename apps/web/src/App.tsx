import { lazy, Suspense, useEffect, useState } from 'react';
import type { SessionUserDto } from '@lookback/contracts';
import { api, onUnauthorized } from './api.js';
import { ErrorBox, Loading } from './components/Status.js';
import { UserMenu } from './components/UserMenu.js';
import { ApiError, describeError } from './errors.js';
import { FieldPage } from './field/FieldPage.js';
import { forgetUser, rememberedUser, rememberUser } from './field/offline-session.js';
import { useFieldSync } from './field/runtime.js';
import { AccessLogPage } from './pages/AccessLogPage.js';
import { ChecklistTemplatesPage } from './pages/ChecklistTemplatesPage.js';
import { ImportPage } from './pages/ImportPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { MyDayPage } from './pages/MyDayPage.js';
import { MyDaysPage } from './pages/MyDaysPage.js';
import { NewPlanPage } from './pages/NewPlanPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { PlanDetailPage } from './pages/PlanDetailPage.js';
import { PlansPage } from './pages/PlansPage.js';
import { ReportPage } from './pages/ReportPage.js';
import { QuizAnalysisPage } from './pages/rankings/QuizAnalysisPage.js';
import { RankingsPage } from './pages/rankings/RankingsPage.js';
import { RankingTownPage } from './pages/rankings/RankingTownPage.js';
import { RankingVillagePage } from './pages/rankings/RankingVillagePage.js';
import { RouteSheetPage } from './pages/RouteSheetPage.js';
import { TownsPage } from './pages/TownsPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { VillageDetailPage } from './pages/VillageDetailPage.js';
import { VillagesPage } from './pages/VillagesPage.js';
import { LedgerItemPage } from './ledger/LedgerItemPage.js';
import { LedgerPage } from './ledger/LedgerPage.js';
import { NotificationBell } from './ledger/NotificationBell.js';
import { hrefFor, parseHash, type Route } from './router.js';
import { homeRoute, mayOpen, navItemsFor } from './session.js';

/** The dashboard brings ECharts and Leaflet: loaded only when a leader opens it. */
const DashboardPage = lazy(() => import('./pages/rankings/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
/** The scheme editor validates with @lookback/scoring in the browser: only admins need it. */
const ScoringSchemesPage = lazy(() => import('./pages/rankings/ScoringSchemesPage.js').then((m) => ({ default: m.ScoringSchemesPage })));

type Session =
  | { status: 'checking' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; user: SessionUserDto };

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      setRoute(parseHash(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/**
 * The session: asked of the API once at start, and dropped the moment any request answers 401
 * (expired, ended by a password change elsewhere, or disabled by an admin).
 */
function useSession(): [Session, (next: Session) => void, () => void] {
  const [session, setSession] = useState<Session>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (user) => {
        rememberUser(user);
        setSession({ status: 'signed-in', user });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // No network in the village: the phone's last account opens the downloaded day (the API still checks every upload).
        const offline = error instanceof ApiError && error.status === 0 ? rememberedUser() : null;
        if (error instanceof ApiError && error.status === 401) setSession({ status: 'signed-out', notice: null });
        else if (offline) setSession({ status: 'signed-in', user: offline });
        else setSession({ status: 'unreachable', message: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  useEffect(
    () =>
      onUnauthorized(() =>
        setSession((current) => (current.status === 'signed-in' ? { status: 'signed-out', notice: '登录已过期或已在别处退出，请重新登录' } : current)),
      ),
    [],
  );
  return [session, setSession, () => setAttempt((n) => n + 1)];
}

function Forbidden({ user }: { user: SessionUserDto }) {
  return (
    <section className="page" data-testid="page-forbidden">
      <h1>无权访问</h1>
      <p>
        您的角色（{user.roleLabel}）不能使用此页面。<a href={hrefFor(homeRoute(user.role))}>返回首页</a>
      </p>
    </section>
  );
}

/**
 * Sends a role whose home is not the overview (督查员: 今日路线) there once after signing in, when
 * the address asked for no particular screen; a later click on 首页 is left alone.
 */
function useHomeRedirect(user: SessionUserDto | null, route: Route): void {
  const userId = user?.id ?? null;
  useEffect(() => {
    if (!user || route.name !== 'overview') return;
    const home = homeRoute(user.role);
    if (home.name !== 'overview') window.location.replace(hrefFor(home));
    // Once per signed-in user, not on every visit to the overview.
  }, [userId]);
}

function Page({ route, user }: { route: Route; user: SessionUserDto }) {
  if (!mayOpen(user.role, route)) return <Forbidden user={user} />;
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'towns':
      return <TownsPage />;
    case 'villages':
      return <VillagesPage town={route.town} />;
    case 'village':
      return <VillageDetailPage code={route.code} />;
    case 'import':
      return <ImportPage />;
    case 'plans':
      return <PlansPage user={user} />;
    case 'plan-new':
      return <NewPlanPage />;
    case 'plan':
      return <PlanDetailPage id={route.id} user={user} />;
    case 'plan-report':
      return <ReportPage id={route.id} user={user} />;
    case 'users':
      return <UsersPage self={user} />;
    case 'checklists':
      return <ChecklistTemplatesPage user={user} />;
    case 'access-log':
      return <AccessLogPage targetType={route.targetType} targetId={route.targetId} />;
    case 'my-days':
      return <MyDaysPage />;
    case 'my-day':
      return <MyDayPage planId={route.planId} date={route.date} />;
    case 'field':
      return <FieldPage planId={route.planId} date={route.date} view={route.view} user={user} />;
    case 'route-sheet':
      return <RouteSheetPage planId={route.planId} date={route.date} teamId={route.teamId} />;
    case 'rankings':
      return <RankingsPage level={route.level} week={route.week} user={user} />;
    case 'ranking-village':
      return <RankingVillagePage code={route.code} week={route.week} />;
    case 'ranking-town':
      return <RankingTownPage code={route.code} week={route.week} />;
    case 'quiz-analysis':
      return <QuizAnalysisPage />;
    case 'dashboard':
      return (
        <Suspense fallback={<Loading text="正在加载驾驶舱…" />}>
          <DashboardPage />
        </Suspense>
      );
    case 'scoring-schemes':
      return (
        <Suspense fallback={<Loading />}>
          <ScoringSchemesPage />
        </Suspense>
      );
    case 'ledger':
      return <LedgerPage route={route} user={user} />;
    case 'ledger-item':
      return <LedgerItemPage id={route.id} user={user} />;
    case 'not-found':
      return (
        <section className="page" data-testid="page-not-found">
          <h1>页面不存在</h1>
          <p>
            没有找到 “{route.path}”。<a href={hrefFor({ name: 'overview' })}>返回首页</a>
          </p>
        </section>
      );
  }
}

export function App() {
  const route = useRoute();
  const [session, setSession, recheck] = useSession();
  useHomeRedirect(session.status === 'signed-in' ? session.user : null, route);
  useFieldSync(session.status === 'signed-in' ? session.user : null);

  if (session.status === 'checking') {
    return (
      <div className="login-screen">
        <Loading text="正在连接服务器…" />
      </div>
    );
  }
  if (session.status === 'unreachable') {
    return (
      <div className="login-screen">
        <div className="login-card">
          <ErrorBox message={session.message} onRetry={recheck} />
        </div>
      </div>
    );
  }
  if (session.status === 'signed-out') {
    const signedIn = (user: SessionUserDto) => {
      rememberUser(user);
      setSession({ status: 'signed-in', user });
    };
    return <LoginPage notice={session.notice} onSignedIn={signedIn} />;
  }

  const user = session.user;
  // The route sheet is printed: nothing of the app around it.
  if (route.name === 'route-sheet') {
    return mayOpen(user.role, route) ? <Page key={`${user.id}:${JSON.stringify(route)}`} route={route} user={user} /> : <Forbidden user={user} />;
  }
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={hrefFor(homeRoute(user.role))}>
          <span className="brand-mark">回头看</span>
          <span className="brand-sub">四不两直督查</span>
        </a>
        <nav className="nav" aria-label="主导航">
          {navItemsFor(user.role).map((item) => (
            <a
              key={item.testId}
              href={hrefFor(item.route)}
              data-testid={item.testId}
              className={item.matches.includes(route.name) ? 'nav-link active' : 'nav-link'}
              aria-current={item.matches.includes(route.name) ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
        {user.role !== 'admin' && <NotificationBell key={user.id} />}
        <UserMenu
          user={user}
          onSignedOut={() => {
            forgetUser();
            setSession({ status: 'signed-out', notice: '已退出登录' });
          }}
        />
      </header>
      <main className="main">
        {/* Keyed so every screen starts fresh (its own requests, scroll, form state); the user too, so nothing of one account shows under another. */}
        <Page key={`${user.id}:${JSON.stringify(route)}`} route={route} user={user} />
      </main>
      <footer className="footer" data-testid="footer">
        <span>回头看 Lookback · 巩固拓展脱贫攻坚成果督查抽查工具</span>
        <span data-testid="app-version">版本 {__APP_VERSION__}</span>
      </footer>
    </div>
  );
}
