import { api } from '../../api.js';
import { Async } from '../../components/Status.js';
import { useAsync } from '../../components/useAsync.js';
import { formatDateTime } from '../../format.js';
import { barScale, fmtScore, fmtShare } from '../../rankings.js';
import { hrefFor } from '../../router.js';
import { ChangeCell, IntervalBar } from './RankingsPage.js';
import './rankings.css';

const STATUS_LABELS: Record<string, string> = { pending: '待整改', 'in-progress': '整改中', 'awaiting-review': '已整改待核验', closed: '已销号' };
const STOP_LABELS: Record<string, string> = { household: '入户', village: '村级', project: '项目', asset: '资产', documents: '查阅资料', interview: '访谈' };

/** What is behind a village's score: breakdown, the household estimate by type and severity, the findings and the ledger items. */
export function RankingVillagePage({ code, week }: { code: string; week: string | null }) {
  const [state, retry] = useAsync((signal) => api.rankingVillage(code, week, signal), [code, week]);
  return (
    <section className="page" data-testid="page-ranking-village">
      <nav className="breadcrumb">
        <a href={hrefFor({ name: 'rankings', level: 'village', week })}>排队</a> / 村级得分
      </nav>
      <Async state={state} retry={retry}>
        {(d) => (
          <>
            <div className="page-head">
              <h1 data-testid="village-name">
                {d.entry.name} <span className="muted small">{d.entry.townName}</span>
              </h1>
            </div>
            <div className="stats">
              <div className="stat">
                <div className="stat-value" data-testid="village-score">{fmtScore(d.entry.score)}</div>
                <div className="stat-label">得分（满分 100）</div>
              </div>
              <div className="stat">
                <div className="stat-value">
                  第 {d.entry.rank} 名 <ChangeCell change={d.entry.change} />
                </div>
                <div className="stat-label">{d.period} 排队{d.entry.tiedWith.length ? '（统计上并列）' : ''}</div>
              </div>
              <div className="stat">
                <div className="stat-value">
                  {fmtScore(d.entry.interval[0])}–{fmtScore(d.entry.interval[1])}
                </div>
                <div className="stat-label">90% 区间</div>
              </div>
            </div>
            <IntervalBar row={d.entry} scale={barScale([d.entry.interval, [0, 100]])} />
            <p className="rank-meta">
              依据：{d.source.planName}（完成于 {formatDateTime(d.source.completedAt)}）；评分方案 {d.schemeVersion}。
              {d.entry.tiedWith.length > 0 && <> 与相邻的 {d.entry.tiedWith.length} 个村区间重叠，名次先后不宜作为结论。</>}
            </p>

            <h2>得分构成</h2>
            <div className="table-wrap">
              <table className="table" data-testid="breakdown-table">
                <thead>
                  <tr>
                    <th>分项</th>
                    <th className="num">方案分值</th>
                    <th className="num">实际权重</th>
                    <th className="num">分项得分</th>
                    <th className="num">计入得分</th>
                    <th>说明</th>
                  </tr>
                </thead>
                <tbody>
                  {d.breakdown.map((b) => (
                    <tr key={b.component} data-testid="breakdown-row">
                      <td>{b.label}</td>
                      <td className="num">{b.weight}</td>
                      <td className="num">{fmtScore(b.effectiveWeight)}</td>
                      <td className="num breakdown-value">
                        {b.value === null ? '—' : fmtScore(b.value)}
                        {b.interval && (
                          <span className="small muted">
                            {' '}
                            ({fmtScore(b.interval[0])}–{fmtScore(b.interval[1])})
                          </span>
                        )}
                      </td>
                      <td className="num breakdown-value">{fmtScore(b.contribution)}</td>
                      <td className="wrap small">{b.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            {d.householdEstimate && (
              <>
                <h2>入户调查估计</h2>
                <p className="rank-meta">
                  入户 {d.householdEstimate.visited} 户，其中 {d.householdEstimate.householdsWithFindings} 户发现问题，共 {d.householdEstimate.findings} 个问题。按分层抽样（Horvitz–Thompson）估计全村户均问题负担{' '}
                  {fmtShare(d.householdEstimate.meanBurden)}（90% 区间 {fmtShare(d.householdEstimate.interval[0])}–{fmtShare(d.householdEstimate.interval[1])}）。
                </p>
                <div className="dash-grid">
                  <div className="dash-card">
                    <h2>按问题类型：估计有此类问题的农户占比</h2>
                    <ShareTable shares={d.householdEstimate.byType} testId="share-by-type" />
                  </div>
                  <div className="dash-card">
                    <h2>按严重程度</h2>
                    <ShareTable shares={d.householdEstimate.bySeverity} testId="share-by-severity" />
                  </div>
                </div>
              </>
            )}

            <h2>发现的问题（{d.findings.length}）</h2>
            {d.findings.length === 0 ? (
              <p className="muted">本轮督查未在该村发现问题。</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="findings-table">
                  <thead>
                    <tr>
                      <th>核查对象</th>
                      <th>户主</th>
                      <th>问题类型</th>
                      <th>严重程度</th>
                      <th>问题描述</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.findings.map((f, i) => (
                      <tr key={`${f.stopKind}-${f.stopCode}-${f.itemId}-${i}`} data-testid="finding-row">
                        <td className="nowrap">
                          {STOP_LABELS[f.stopKind] ?? f.stopKind} {f.stopCode}
                        </td>
                        <td>{f.householdHead ?? '—'}</td>
                        <td>{f.problemType}</td>
                        <td>{f.severity}</td>
                        <td className="wrap">{f.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            <h2>整改台账（{d.ledgerItems.length}）</h2>
            {d.ledgerItems.length === 0 ? (
              <p className="muted">该村暂无整改台账事项。</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="ledger-table">
                  <thead>
                    <tr>
                      <th className="num">序号</th>
                      <th>问题类型</th>
                      <th>问题表述</th>
                      <th>完成时限</th>
                      <th>状态</th>
                      <th>责任单位</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.ledgerItems.map((item) => (
                      <tr key={item.id} data-testid="ledger-row">
                        <td className="num">{item.seq}</td>
                        <td>{item.problemType}</td>
                        <td className="wrap">{item.description}</td>
                        <td className="nowrap">{item.deadline ?? '长期坚持'}</td>
                        <td>
                          {STATUS_LABELS[item.status] ?? item.status}
                          {item.overdue && <span className="tie-badge">逾期</span>}
                        </td>
                        <td>{item.responsibleUnit}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Async>
    </section>
  );
}

function ShareTable({ shares, testId }: { shares: { key: string; share: number }[]; testId: string }) {
  if (shares.length === 0) return <p className="muted">无</p>;
  return (
    <table className="table" data-testid={testId}>
      <tbody>
        {[...shares]
          .sort((a, b) => b.share - a.share)
          .map((s) => (
            <tr key={s.key}>
              <td>{s.key}</td>
              <td>
                <span className="share-bar" style={{ width: `${Math.max(2, s.share * 160)}px` }} />
                {fmtShare(s.share)}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
