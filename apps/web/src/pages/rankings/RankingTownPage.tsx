import { api } from '../../api.js';
import { Async } from '../../components/Status.js';
import { useAsync } from '../../components/useAsync.js';
import { formatCount } from '../../format.js';
import { fmtScore, fmtShare } from '../../rankings.js';
import { hrefFor, navigate } from '../../router.js';
import { ChangeCell } from './RankingsPage.js';
import './rankings.css';

/** A town's score: its villages weighted by households. */
export function RankingTownPage({ code, week }: { code: string; week: string | null }) {
  const [state, retry] = useAsync((signal) => api.rankingTown(code, week, signal), [code, week]);
  return (
    <section className="page" data-testid="page-ranking-town">
      <nav className="breadcrumb">
        <a href={hrefFor({ name: 'rankings', level: 'town', week })}>排队</a> / 乡镇得分
      </nav>
      <Async state={state} retry={retry}>
        {(d) => (
          <>
            <h1>{d.entry.name}</h1>
            <div className="stats">
              <div className="stat">
                <div className="stat-value" data-testid="town-score">{fmtScore(d.entry.score)}</div>
                <div className="stat-label">得分（90% 区间 {fmtScore(d.entry.interval[0])}–{fmtScore(d.entry.interval[1])}）</div>
              </div>
              <div className="stat">
                <div className="stat-value">
                  第 {d.entry.rank} 名 <ChangeCell change={d.entry.change} />
                </div>
                <div className="stat-label">{d.period} 乡镇排队{d.entry.tiedWith.length ? '（统计上并列）' : ''}</div>
              </div>
            </div>
            <p className="rank-meta">乡镇得分 = 各被督查村得分按户数加权平均；评分方案 {d.schemeVersion}。</p>
            <div className="table-wrap">
              <table className="table clickable" data-testid="town-villages-table">
                <thead>
                  <tr>
                    <th>行政村</th>
                    <th className="num">户数</th>
                    <th className="num">权重</th>
                    <th className="num">村得分</th>
                    <th className="num">计入乡镇得分</th>
                    <th className="num">全县名次</th>
                  </tr>
                </thead>
                <tbody>
                  {d.villages.map((v) => {
                    const href = hrefFor({ name: 'ranking-village', code: v.code, week });
                    return (
                      <tr key={v.code} onClick={() => navigate(href)}>
                        <td>
                          <a href={href}>{v.name}</a>
                        </td>
                        <td className="num">{formatCount(v.households)}</td>
                        <td className="num">{fmtShare(v.weight)}</td>
                        <td className="num">{fmtScore(v.score)}</td>
                        <td className="num">{fmtScore(v.contribution)}</td>
                        <td className="num">{v.rank ?? '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Async>
    </section>
  );
}
