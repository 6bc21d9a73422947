import type { VillageDto } from '@lookback/contracts';
import { useMemo, useState } from 'react';
import { api } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { formatCount } from '../format.js';
import { VILLAGE_TYPE_COLORS } from '../map/colors.js';
import { PointMap } from '../map/LazyPointMap.js';
import { hrefFor, navigate } from '../router.js';
import { filterVillages, villagePoints } from '../villages.js';

const VILLAGE_LEGEND = Object.entries(VILLAGE_TYPE_COLORS).map(([label, color]) => ({ label, color }));

export function VillagesPage({ town }: { town: string | null }) {
  const [towns] = useAsync((signal) => api.towns(signal), []);
  const [villages, retry] = useAsync((signal) => api.villages(town, signal), [town]);
  const [query, setQuery] = useState('');

  return (
    <section className="page" data-testid="page-villages">
      <h1>行政村</h1>
      <div className="filters">
        <label className="field">
          <span>乡镇</span>
          <select
            data-testid="town-filter"
            value={town ?? ''}
            onChange={(e) => navigate(hrefFor({ name: 'villages', town: e.target.value || null }))}
          >
            <option value="">全部乡镇</option>
            {towns.status === 'ready' &&
              towns.data.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field grow">
          <span>村名</span>
          <input
            type="search"
            data-testid="village-search"
            placeholder="输入村名搜索"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
      </div>
      <Async state={villages} retry={retry}>
        {(list) => <VillageList villages={list} query={query} />}
      </Async>
    </section>
  );
}

function VillageList({ villages, query }: { villages: VillageDto[]; query: string }) {
  const shown = useMemo(() => filterVillages(villages, query), [villages, query]);
  const points = useMemo(() => villagePoints(shown), [shown]);
  return (
    <>
      <PointMap points={points} legend={VILLAGE_LEGEND} testId="villages-map" emptyText="没有符合条件的行政村" />
      <p className="muted">共 {formatCount(shown.length)} 个行政村</p>
      <div className="table-wrap">
        <table className="table clickable" data-testid="villages-table">
          <thead>
            <tr>
              <th>行政村</th>
              <th>乡镇</th>
              <th>村类型</th>
              <th className="num">总户数</th>
              <th className="num">脱贫户</th>
              <th className="num">监测户</th>
              <th className="num">一般农户</th>
              <th className="num">低保户</th>
              <th className="num">特困户</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((v) => {
              const href = hrefFor({ name: 'village', code: v.code });
              return (
                <tr key={v.code} data-testid="village-row" onClick={() => navigate(href)}>
                  <td>
                    <a href={href}>{v.name}</a>
                  </td>
                  <td>{v.townName}</td>
                  <td>
                    <span className="type-dot" style={{ background: VILLAGE_TYPE_COLORS[v.villageType] }} />
                    {v.villageType}
                  </td>
                  <td className="num">{formatCount(v.counts.total)}</td>
                  <td className="num">{formatCount(v.counts.tuopin)}</td>
                  <td className="num">{formatCount(v.counts.monitored)}</td>
                  <td className="num">{formatCount(v.counts.ordinary)}</td>
                  <td className="num">{formatCount(v.counts.dibao)}</td>
                  <td className="num">{formatCount(v.counts.tekun)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
