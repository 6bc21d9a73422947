import { useState } from 'react';
import type { RankingRowDto, SessionUserDto } from '@lookback/contracts';
import { api } from '../../api.js';
import { Async, ErrorBox } from '../../components/Status.js';
import { useAsync } from '../../components/useAsync.js';
import { describeError } from '../../errors.js';
import { formatCount, formatDateTime } from '../../format.js';
import { barGeometry, barScale, changeMark, fmtScore, tieLabel } from '../../rankings.js';
import { hrefFor, navigate } from '../../router.js';
import './rankings.css';

export function IntervalBar({ row, scale }: { row: Pick<RankingRowDto, 'interval' | 'score' | 'tiedWith'>; scale: [number, number] }) {
  const g = barGeometry(row.interval, row.score, scale);
  return (
    <div className="interval-bar" title={`90% 区间 ${fmtScore(row.interval[0])}–${fmtScore(row.interval[1])}`} data-testid="interval-bar">
      <div className={row.tiedWith.length ? 'interval-range tied' : 'interval-range'} style={{ left: `${g.left}%`, width: `${g.width}%` }} />
      <div className="interval-mark" style={{ left: `${g.mark}%` }} />
    </div>
  );
}

export function ChangeCell({ change }: { change: number | null }) {
  const mark = changeMark(change);
  return (
    <span className={`change ${mark.className}`} title={mark.title} data-testid="rank-change">
      {mark.symbol}
      {change !== null && change !== 0 ? Math.abs(change) : ''}
    </span>
  );
}

/** 排队: village and town tabs, week selector, rank, score with its interval, 并列 where intervals overlap, change since last week. */
export function RankingsPage({ level, week, user }: { level: 'village' | 'town'; week: string | null; user: SessionUserDto }) {
  const [weeks] = useAsync((signal) => api.rankingWeeks(signal), []);
  const [table, retry] = useAsync((signal) => api.rankings(level, week, signal), [level, week]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const go = (next: { level?: 'village' | 'town'; week?: string | null }) =>
    navigate(hrefFor({ name: 'rankings', level: next.level ?? level, week: next.week === undefined ? week : next.week }));

  const snapshot = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.takeRankingSnapshot();
      setDone(`已生成 ${r.period} 的排队（${r.villages} 个村、${r.towns} 个乡镇${r.excluded ? `，${r.excluded} 个村无法评分` : ''}）`);
      if (week) go({ week: null });
      else retry();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page" data-testid="page-rankings">
      <div className="page-head">
        <h1>排队</h1>
        {user.role === 'planner' && (
          <button type="button" className="button primary" onClick={() => void snapshot()} disabled={busy} data-testid="take-snapshot">
            {busy ? '正在生成…' : '立即生成排队'}
          </button>
        )}
      </div>
      {error && <ErrorBox message={error} />}
      {done && <p className="notice" data-testid="snapshot-done">{done}</p>}
      <div className="rank-toolbar">
        <div className="segmented" role="tablist" aria-label="排队对象">
          <button type="button" role="tab" aria-selected={level === 'village'} className={level === 'village' ? 'segment active' : 'segment'} onClick={() => go({ level: 'village' })} data-testid="tab-village">
            行政村
          </button>
          <button type="button" role="tab" aria-selected={level === 'town'} className={level === 'town' ? 'segment active' : 'segment'} onClick={() => go({ level: 'town' })} data-testid="tab-town">
            乡镇
          </button>
        </div>
        <label className="field">
          <span>周次</span>
          <select value={week ?? ''} onChange={(e) => go({ week: e.target.value || null })} data-testid="week-select">
            <option value="">最新</option>
            {weeks.status === 'ready' &&
              weeks.data.map((w) => (
                <option key={w.period} value={w.period}>
                  {w.period}（{w.asOf}）
                </option>
              ))}
          </select>
        </label>
        <a className="button" href={`/api/rankings/export.xlsx?level=${level}&week=${encodeURIComponent(week ?? 'latest')}`} download data-testid="rankings-export">
          导出 Excel
        </a>
        <a href={hrefFor({ name: 'quiz-analysis' })}>测试错题分析 →</a>
      </div>
      <Async state={table} retry={retry}>
        {(t) => {
          const scale = barScale(t.rows.map((r) => r.interval));
          const byCode = new Map(t.rows.map((x) => [x.code, x]));
          return (
            <>
              <p className="rank-meta" data-testid="ranking-meta">
                <b>{t.period}</b> 排队，{t.kind === 'scheduled' ? '每周一自动生成' : '督查组长手动生成'}于 {formatDateTime(t.createdAt)}；评分方案 <b>{t.schemeVersion}</b>
                （指纹 {t.schemeFingerprint.slice(0, 12)}）；变化与 {t.previousPeriod ?? '上周（无）'} 比较。得分区间为 90% 置信区间，区间重叠的相邻名次标为“并列”，不宜据此分先后。
              </p>
              {t.rows.length === 0 ? (
                <p className="muted">该周没有可排队的{level === 'village' ? '村' : '乡镇'}：还没有已完成的督查方案。</p>
              ) : (
                <div className="table-wrap">
                  <table className="table clickable" data-testid="ranking-table">
                    <thead>
                      <tr>
                        <th className="num">名次</th>
                        <th>{level === 'village' ? '行政村' : '乡镇'}</th>
                        {level === 'village' && <th className="rank-wide">乡镇</th>}
                        <th className="num rank-wide">户数</th>
                        <th className="num">得分</th>
                        <th className="rank-wide">90% 区间</th>
                        <th>较上周</th>
                      </tr>
                    </thead>
                    <tbody>
                      {t.rows.map((r) => {
                        const href = hrefFor(level === 'village' ? { name: 'ranking-village', code: r.code, week } : { name: 'ranking-town', code: r.code, week });
                        return (
                          <tr key={r.code} data-testid="ranking-row" data-code={r.code} onClick={() => navigate(href)}>
                            <td className="num">{r.rank}</td>
                            <td className="rank-name">
                              <a href={href}>{r.name}</a>
                              {r.tiedWith.length > 0 && (
                                <span className="tie-badge" title={`与 ${r.tiedWith.map((code) => byCode.get(code)?.name ?? code).join('、')} 的 90% 区间重叠`} data-testid="tie-badge">
                                  {tieLabel(r.tiedWith.map((code) => byCode.get(code)?.rank).filter((n): n is number => n !== undefined))}
                                </span>
                              )}
                              {level === 'village' && <span className="rank-narrow small muted">{r.townName}</span>}
                            </td>
                            {level === 'village' && <td className="rank-wide">{r.townName}</td>}
                            <td className="num rank-wide">{formatCount(r.households)}</td>
                            <td className="num score-cell">{fmtScore(r.score)}</td>
                            <td className="rank-wide">
                              <IntervalBar row={r} scale={scale} />
                              <span className="small muted">
                                {fmtScore(r.interval[0])}–{fmtScore(r.interval[1])}
                              </span>
                            </td>
                            <td>
                              <ChangeCell change={r.change} />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              {t.excluded.length > 0 && (
                <details className="advanced" data-testid="excluded">
                  <summary>{t.excluded.length} 个村已督查但无法评分</summary>
                  <ul className="plain-list">
                    {t.excluded.map((e) => (
                      <li key={e.code}>
                        {e.name}：{e.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
