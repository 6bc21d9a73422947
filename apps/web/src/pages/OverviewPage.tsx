import type { HealthDto, OverviewDto } from '@lookback/contracts';
import { api } from '../api.js';
import { HouseholdCountCards, StatCard } from '../components/CountCards.js';
import { Async, ErrorBox, Loading } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { formatDateTime, IMPORT_KIND_LABELS, shortHash } from '../format.js';
import { hrefFor } from '../router.js';

export function OverviewPage() {
  const [overview, retry] = useAsync((signal) => api.overview(signal), []);
  const [health, retryHealth] = useAsync((signal) => api.health(signal), []);
  return (
    <section className="page" data-testid="page-overview">
      <Async state={overview} retry={retry}>
        {(data) => <OverviewBody data={data} />}
      </Async>
      <h2>系统状态</h2>
      {health.status === 'loading' && <Loading text="正在检查数据库…" />}
      {health.status === 'error' && <ErrorBox message={`无法获取系统状态：${health.message}`} onRetry={retryHealth} />}
      {health.status === 'ready' && <HealthPanel health={health.data} />}
    </section>
  );
}

function OverviewBody({ data }: { data: OverviewDto }) {
  const snapshot = data.latestSnapshot;
  return (
    <>
      <h1 data-testid="county-name">{data.county?.name ?? '尚未导入区划数据'}</h1>
      {!data.county && (
        <p className="notice">
          还没有数据。请先在 <a href={hrefFor({ name: 'import' })}>数据导入</a> 中导入行政村和农户花名册。
        </p>
      )}
      <div className="stats" data-testid="overview-counts">
        <a className="stat-link" href={hrefFor({ name: 'towns' })}>
          <StatCard label="乡镇" value={data.towns} testId="count-towns" />
        </a>
        <a className="stat-link" href={hrefFor({ name: 'villages', town: null })}>
          <StatCard label="行政村" value={data.villages} testId="count-villages" />
        </a>
        <StatCard label="衔接资金项目" value={data.projects} testId="count-projects" />
        <StatCard label="项目资产" value={data.assets} testId="count-assets" />
        <StatCard label="村干部及帮扶人员" value={data.cadres} testId="count-cadres" />
      </div>
      <h2>农户</h2>
      <HouseholdCountCards counts={data.counts} />
      <h2>最新花名册快照</h2>
      {snapshot ? (
        <dl className="facts" data-testid="latest-snapshot">
          <dt>快照哈希</dt>
          <dd>
            <code title={snapshot.contentHash}>{shortHash(snapshot.contentHash)}</code>
          </dd>
          <dt>生成时间</dt>
          <dd>{formatDateTime(snapshot.createdAt)}</dd>
          <dt>来源</dt>
          <dd>
            {IMPORT_KIND_LABELS[snapshot.kind] ?? snapshot.kind} · {snapshot.fileName}
          </dd>
        </dl>
      ) : (
        <p className="muted" data-testid="latest-snapshot">
          尚无快照：导入数据后自动生成。
        </p>
      )}
    </>
  );
}

function HealthPanel({ health }: { health: HealthDto }) {
  const db = health.database;
  return (
    <dl className="facts" data-testid="health">
      <dt>数据库</dt>
      <dd>
        <span className={db.ok ? 'badge ok' : 'badge bad'}>{db.ok ? '正常' : '异常'}</span>
        {db.latencyMs !== null && <span className="muted"> 响应 {db.latencyMs} ms</span>}
        {db.embedded && <span className="muted"> · 内置数据库</span>}
      </dd>
      <dt>服务</dt>
      <dd>{health.status === 'ok' ? '运行正常' : '部分功能不可用'}</dd>
      <dt>服务端版本</dt>
      <dd>{health.version}</dd>
    </dl>
  );
}
