import { useEffect, useMemo, useRef } from 'react';
import type { DashboardDto } from '@lookback/contracts';
import { api } from '../../api.js';
import { Async } from '../../components/Status.js';
import { useAsync } from '../../components/useAsync.js';
import { PointMap } from '../../map/LazyPointMap.js';
import { escapeHtml } from '../../map/popup.js';
import type { MapPoint } from '../../map/types.js';
import { fmtScore, fmtShare, SCORE_BANDS, scoreColor } from '../../rankings.js';
import { hrefFor } from '../../router.js';
import { echarts, type EChartsOption } from './echarts-lite.js';
import './rankings.css';

function Chart({ option, testId }: { option: EChartsOption; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="chart" data-testid={testId} />;
}

/** 领导驾驶舱: score trend by week, problems by type, ledger closure, overdue items, villages on the map by score. */
export function DashboardPage() {
  const [state, retry] = useAsync((signal) => api.dashboard(signal), []);
  return (
    <section className="page" data-testid="page-dashboard">
      <div className="page-head">
        <h1>领导驾驶舱</h1>
        <a className="button secondary" href={hrefFor({ name: 'rankings', level: 'village', week: null })}>
          查看排队 →
        </a>
      </div>
      <Async state={state} retry={retry}>
        {(d) => <Dashboard d={d} />}
      </Async>
    </section>
  );
}

function Dashboard({ d }: { d: DashboardDto }) {
  const trend = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: d.trend.map((p) => p.period) },
      yAxis: { type: 'value', scale: true, name: '平均分' },
      series: [{ type: 'line', name: '村平均得分', data: d.trend.map((p) => Number(p.averageScore.toFixed(2))), smooth: false, symbolSize: 8 }],
    }),
    [d],
  );
  const problems = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 16, top: 10, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: [...d.problemsByType].reverse().map((p) => p.problemType) },
      series: [{ type: 'bar', name: '问题数', data: [...d.problemsByType].reverse().map((p) => p.findings), itemStyle: { color: '#c0392b' } }],
    }),
    [d],
  );
  const open = d.ledger.total - d.ledger.closed;
  const ledger = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          // Room outside the ring for every slice's count, and no truncation: on a narrow card ECharts
          // cut the largest slice's number down to "…".
          radius: ['40%', '60%'],
          label: { show: true, formatter: '{c}', overflow: 'none' },
          labelLine: { length: 10, length2: 8 },
          data: [
            { name: '已销号', value: d.ledger.closed, itemStyle: { color: '#1e8449' } },
            { name: '逾期未销号', value: d.ledger.overdue, itemStyle: { color: '#c0392b' } },
            { name: '未销号（未逾期）', value: open - d.ledger.overdue, itemStyle: { color: '#f5b041' } },
          ],
        },
      ],
    }),
    [d],
  );
  const points = useMemo<MapPoint[]>(
    () =>
      d.villages.map((v) => ({
        id: v.code,
        lat: v.lat,
        lng: v.lng,
        color: scoreColor(v.score),
        radius: 8,
        popup: `<b>${escapeHtml(v.name)}</b>（${escapeHtml(v.townName)}）<br>得分 ${fmtScore(v.score)}，第 ${v.rank} 名<br><a class="popup-link" href="${hrefFor({ name: 'ranking-village', code: v.code, week: null })}">查看得分构成</a>`,
      })),
    [d],
  );

  const byRank = [...d.villages].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  return (
    <>
      <div className="stats" data-testid="dashboard-stats">
        <div className="stat">
          <div className="stat-value">{d.period ?? '—'}</div>
          <div className="stat-label">最新排队周次</div>
        </div>
        <div className="stat">
          <div className="stat-value">{d.villages.length}</div>
          <div className="stat-label">参加排队的村</div>
        </div>
        <div className="stat">
          <div className="stat-value" data-testid="closure-rate">{d.ledger.closureRate === null ? '—' : fmtShare(d.ledger.closureRate)}</div>
          <div className="stat-label">
            台账销号率（{d.ledger.closed}/{d.ledger.total}）
          </div>
        </div>
        <div className="stat">
          <div className="stat-value" data-testid="overdue-count">{d.ledger.overdue}</div>
          <div className="stat-label">逾期未销号（截至 {d.ledger.asOf}）</div>
        </div>
      </div>
      <div className="dash-grid">
        <div className="dash-card">
          <h2>村平均得分（按周）</h2>
          {d.trend.length ? <Chart option={trend} testId="chart-trend" /> : <p className="muted">还没有排队结果。</p>}
        </div>
        <div className="dash-card">
          <h2>问题类型分布</h2>
          {d.problemsByType.length ? <Chart option={problems} testId="chart-problems" /> : <p className="muted">暂无发现的问题。</p>}
        </div>
        <div className="dash-card">
          <h2>整改台账进度</h2>
          {d.ledger.total ? <Chart option={ledger} testId="chart-ledger" /> : <p className="muted">暂无整改台账事项。</p>}
        </div>
      </div>
      {d.villages.length > 0 && (
        <div className="dash-grid">
          <RankList title="得分最高的村" rows={byRank.slice(0, 5)} testId="dashboard-top" />
          <RankList title="得分最低的村" rows={byRank.slice(-5).reverse()} testId="dashboard-bottom" />
        </div>
      )}
      <h2>各村得分分布</h2>
      <PointMap points={points} legend={SCORE_BANDS.map((b) => ({ color: b.color, label: b.label }))} testId="dashboard-map" emptyText="还没有参加排队的村" />
    </>
  );
}

function RankList({ title, rows, testId }: { title: string; rows: DashboardDto['villages']; testId: string }) {
  return (
    <div className="dash-card">
      <h2>{title}</h2>
      <table className="table" data-testid={testId}>
        <tbody>
          {rows.map((v) => (
            <tr key={v.code}>
              <td className="num">{v.rank}</td>
              <td>
                <a href={hrefFor({ name: 'ranking-village', code: v.code, week: null })}>{v.name}</a>
                <span className="small muted"> {v.townName}</span>
              </td>
              <td className="num score-cell">{fmtScore(v.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
