import { useEffect, useState } from 'react';
import { hrefFor, parseHash, type Route } from './router.js';
import { ImportPage } from './pages/ImportPage.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { TownsPage } from './pages/TownsPage.js';
import { VillageDetailPage } from './pages/VillageDetailPage.js';
import { VillagesPage } from './pages/VillagesPage.js';

const NAV: ReadonlyArray<{ route: Route; label: string; testId: string; matches: Route['name'][] }> = [
  { route: { name: 'overview' }, label: '首页', testId: 'nav-overview', matches: ['overview'] },
  { route: { name: 'towns' }, label: '乡镇', testId: 'nav-towns', matches: ['towns'] },
  { route: { name: 'villages', town: null }, label: '行政村', testId: 'nav-villages', matches: ['villages', 'village'] },
  { route: { name: 'import' }, label: '数据导入', testId: 'nav-import', matches: ['import'] },
];

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

function Page({ route }: { route: Route }) {
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
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={hrefFor({ name: 'overview' })}>
          <span className="brand-mark">回头看</span>
          <span className="brand-sub">四不两直督查</span>
        </a>
        <nav className="nav" aria-label="主导航">
          {NAV.map((item) => (
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
      </header>
      <main className="main">
        {/* Keyed so every screen starts fresh (its own requests, scroll, form state). */}
        <Page key={JSON.stringify(route)} route={route} />
      </main>
      <footer className="footer" data-testid="footer">
        <span>回头看 Lookback · 巩固拓展脱贫攻坚成果督查抽查工具</span>
        <span data-testid="app-version">版本 {__APP_VERSION__}</span>
      </footer>
    </div>
  );
}
