import { useState } from 'react';
import type { PlanDto, SessionUserDto } from '@lookback/contracts';
import { STRATUM_LABELS, type DrawRecord, type VillageDraw } from '@lookback/sampling';
import { api, planFiles, type PlanWithDraw } from '../api.js';
import { ConfirmPanel } from '../components/ConfirmPanel.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { VerifyFilesForm, VerifyPlanButton } from '../components/VerifyPanel.js';
import { describeError } from '../errors.js';
import { formatCount, formatDateTime } from '../format.js';
import { drawWarnings, mayVerify, PLAN_STATUS_LABELS, planActions, type PlanAction } from '../plans.js';
import { hrefFor } from '../router.js';
import { mayManagePlans } from '../session.js';
import { PlanTeamsSection } from './PlanTeamsSection.js';
import { PlanFieldworkSection } from './PlanFieldworkSection.js';
import { PlanLedgerSection } from '../ledger/PlanLedgerSection.js';

export function PlanDetailPage({ id, user }: { id: string; user: SessionUserDto }) {
  const [loaded, retry] = useAsync((signal) => api.plan(id, signal), [id]);
  return (
    <section className="page" data-testid="page-plan">
      <nav className="breadcrumb">
        <a href={hrefFor({ name: 'plans' })}>督查方案</a> / 方案详情
      </nav>
      <Async state={loaded} retry={retry}>
        {(data) => <PlanView initial={data} manages={mayManagePlans(user.role)} reload={retry} />}
      </Async>
    </section>
  );
}

type Confirming = Exclude<PlanAction, 'redraw'>;

const CONFIRM_TEXT: Record<Confirming, { title: string; body: string; ok: string }> = {
  seal: {
    title: '封存方案',
    body: '封存后抽样结果和承诺值不能再更改，也不能重新抽样。请确认承诺值已经公布（如在会议上宣读或张贴）。',
    ok: '确认封存',
  },
  reveal: {
    title: '公开种子',
    body: '公开后任何人都能用种子和农户名单重新计算抽样结果。请在全部走访结束后再公开。',
    ok: '确认公开',
  },
  complete: {
    title: '结束方案',
    body: '结束后方案归档，领导可以查看。',
    ok: '确认结束',
  },
};

function PlanView({ initial, manages, reload }: { initial: PlanWithDraw; manages: boolean; reload: () => void }) {
  const [{ plan, draw }, setData] = useState(initial);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [redrawSeed, setRedrawSeed] = useState('');
  const actions = manages ? planActions(plan.status) : [];

  const advance = async (action: Confirming) => {
    setBusy(true);
    setError(null);
    try {
      const call = action === 'seal' ? api.sealPlan : action === 'reveal' ? api.revealPlan : api.completePlan;
      await call(plan.id);
      // The reveal writes the seed into the draw record, so fetch plan and draw afresh.
      reload();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
      setConfirming(null);
    }
  };

  const redraw = async () => {
    setBusy(true);
    setError(null);
    try {
      const seed = redrawSeed.trim();
      setData(await api.redrawPlan(plan.id, seed ? { seed } : {}));
      setRedrawSeed('');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1 data-testid="plan-name-heading">{plan.name}</h1>
        <span className={`badge status-${plan.status}`} data-testid="plan-status" data-status={plan.status}>
          {PLAN_STATUS_LABELS[plan.status]}
        </span>
      </div>

      <div className="commitment" data-testid="plan-commitment-box">
        <div className="commitment-label">承诺值（SHA-256）</div>
        <code className="hash commitment-value" data-testid="plan-commitment">
          {plan.commitment}
        </code>
        <p className="small">承诺值：封存前公布，走访后公开种子，任何人都可复核。它由种子、农户名单、抽样设置和算法版本共同算出，事后改动其中任何一项都会对不上。</p>
      </div>

      <dl className="facts" data-testid="plan-facts">
        <dt>种子</dt>
        <dd>{plan.seed ? <code className="hash" data-testid="plan-seed-value">{plan.seed}</code> : <span className="muted">保密，公开种子后显示</span>}</dd>
        <dt>农户名单哈希</dt>
        <dd>{plan.rosterHash ? <code className="hash">{plan.rosterHash}</code> : '—'}</dd>
        <dt>抽查村</dt>
        <dd>
          {formatCount(plan.villageCodes.length)} 个
          {plan.selection.kind === 'per-town' && <span className="muted">（每个乡镇随机抽取 {plan.selection.perTown} 个村）</span>}
        </dd>
        <dt>抽查户</dt>
        <dd>{formatCount(plan.households)} 户</dd>
        <dt>每村户数</dt>
        <dd>{draw.settings.perVillage} 户起</dd>
        <dt>重新抽样</dt>
        <dd>{plan.redraws} 次</dd>
        <dt>创建</dt>
        <dd>{formatDateTime(plan.createdAt)}</dd>
        {plan.sealedAt && (
          <>
            <dt>封存</dt>
            <dd>{formatDateTime(plan.sealedAt)}</dd>
          </>
        )}
        {plan.revealedAt && (
          <>
            <dt>公开种子</dt>
            <dd>{formatDateTime(plan.revealedAt)}</dd>
          </>
        )}
        {plan.completedAt && (
          <>
            <dt>结束</dt>
            <dd>{formatDateTime(plan.completedAt)}</dd>
          </>
        )}
      </dl>

      {actions.length > 0 && (
        <div className="plan-actions" data-testid="plan-actions">
          {actions.includes('redraw') && (
            <div className="redraw">
              <label className="field grow">
                新种子（可选，留空则由服务器随机生成）
                <input data-testid="plan-redraw-seed" value={redrawSeed} inputMode="numeric" autoComplete="off" onChange={(e) => setRedrawSeed(e.target.value)} disabled={busy} />
              </label>
              <button type="button" className="button secondary" data-testid="plan-redraw" disabled={busy} onClick={() => void redraw()}>
                {busy ? '正在抽样…' : '重新抽样'}
              </button>
            </div>
          )}
          {actions.includes('seal') && (
            <button type="button" className="button primary" data-testid="plan-seal" disabled={busy} onClick={() => setConfirming('seal')}>
              封存
            </button>
          )}
          {actions.includes('reveal') && (
            <button type="button" className="button primary" data-testid="plan-reveal" disabled={busy} onClick={() => setConfirming('reveal')}>
              公开种子
            </button>
          )}
          {actions.includes('complete') && (
            <button type="button" className="button primary" data-testid="plan-complete" disabled={busy} onClick={() => setConfirming('complete')}>
              结束方案
            </button>
          )}
        </div>
      )}
      {error && <ErrorBox message={error} />}
      {confirming && (
        <ConfirmPanel title={CONFIRM_TEXT[confirming].title} confirmLabel={CONFIRM_TEXT[confirming].ok} busy={busy} onConfirm={() => void advance(confirming)} onCancel={() => setConfirming(null)}>
          <p>{CONFIRM_TEXT[confirming].body}</p>
        </ConfirmPanel>
      )}

      {manages && (
        <p className="small">
          <a href={hrefFor({ name: 'access-log', targetType: 'plan', targetId: plan.id })} data-testid="plan-access-log">
            查看此方案的访问日志
          </a>
        </p>
      )}

      {(plan.status === 'completed' || manages) && (
        <p>
          <a className="button" href={hrefFor({ name: 'plan-report', id: plan.id })} data-testid="plan-report-link">
            {plan.status === 'completed' ? '督查报告' : '督查报告（草稿）'}
          </a>
        </p>
      )}

      <h2>下载与复核</h2>
      <div className="templates">
        <a className="button secondary" href={planFiles.drawRecord(plan.id)} download data-testid="plan-download-draw">
          抽样记录 JSON
        </a>
        <a className="button secondary" href={planFiles.roster(plan.id)} download data-testid="plan-download-roster">
          农户名单 CSV
        </a>
      </div>
      {mayVerify(plan.status) ? (
        <>
          <p className="muted small">用公开的种子、上面两个文件和同一套抽样算法在您的浏览器中重新计算，核对结果是否与抽样记录一致。</p>
          <VerifyPlanButton planId={plan.id} />
          <details className="advanced">
            <summary>用自己保存的文件复核</summary>
            <VerifyFilesForm />
          </details>
        </>
      ) : (
        <p className="muted small">公开种子之后即可在浏览器中复核。</p>
      )}

      {manages && <PlanTeamsSection plan={plan} drawn={draw.villages} />}
      {manages && <PlanFieldworkSection plan={plan} drawn={draw.villages} />}
      {manages && plan.status !== 'draft' && <PlanLedgerSection plan={plan} />}

      <h2>抽查村（{draw.villages.length}）</h2>
      <VillageDraws draw={draw} plan={plan} />
    </>
  );
}

function VillageDraws({ draw, plan }: { draw: DrawRecord; plan: PlanDto }) {
  if (draw.villages.length === 0) return <p className="muted">没有抽查村。</p>;
  const warnings = drawWarnings(draw);
  return (
    <div className="village-draws" data-testid="plan-villages-drawn">
      {warnings.length > 0 && (
        <ul className="notice" data-testid="plan-draw-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {draw.villages.map((village) => (
        <VillageDrawView key={village.villageCode} village={village} open={plan.villageCodes.length === 1} />
      ))}
    </div>
  );
}

function VillageDrawView({ village, open }: { village: VillageDraw; open: boolean }) {
  return (
    <details className="village-draw" data-testid="plan-village" open={open}>
      <summary>
        <strong>{village.villageName}</strong>
        <span className="muted"> · {village.townName}</span>
        <span className="muted small">
          {' '}
          · 抽 {village.sampleSize} / {village.households} 户
        </span>
      </summary>

      <h3>抽中农户</h3>
      <div className="table-wrap">
        <table className="table compact" data-testid="plan-households">
          <thead>
            <tr>
              <th>户编号</th>
              <th>分层</th>
              <th className="num" title="入样概率 = 该层抽中户数 / 该层户数">π</th>
            </tr>
          </thead>
          <tbody>
            {village.sample.map((h) => (
              <tr key={h.householdNo}>
                <td>
                  <code>{h.householdNo}</code>
                </td>
                <td>{STRATUM_LABELS[h.stratum] ?? h.stratum}</td>
                <td className="num">
                  <code>{h.inclusionProbability}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>替补户（按顺序递补）</h3>
      {village.strata.every((s) => s.reserve.length === 0) ? (
        <p className="muted small">无替补户（该层农户已全部抽中）。</p>
      ) : (
        <dl className="reserves">
          {village.strata
            .filter((s) => s.reserve.length > 0)
            .map((s) => (
              <div key={s.stratum}>
                <dt>
                  {STRATUM_LABELS[s.stratum] ?? s.stratum}
                  <span className="muted small">
                    {' '}
                    （{s.sampleSize}/{s.population}）
                  </span>
                </dt>
                <dd>
                  <ol className="reserve-list">
                    {s.reserve.map((r) => (
                      <li key={r.householdNo}>
                        <code>{r.householdNo}</code>
                      </li>
                    ))}
                  </ol>
                </dd>
              </div>
            ))}
        </dl>
      )}

      <h3>衔接资金项目</h3>
      <ItemList items={village.projects.sample.map((p) => `${p.code}（π=${p.inclusionProbability}）`)} eligible={village.projects.eligible} />
      <h3>项目资产</h3>
      <ItemList items={village.assets.sample.map((a) => `${a.code}（π=${a.inclusionProbability}）`)} eligible={village.assets.eligible} />

      <h3>访谈对象</h3>
      {village.interviewees.length === 0 ? (
        <p className="muted small">无</p>
      ) : (
        <ul className="plain-list">
          {village.interviewees.map((i) => (
            <li key={i.cadreNo}>
              <code>{i.cadreNo}</code> {i.role} <span className="muted small">（{i.basis === 'required' ? '按职务必访' : '随机抽取'}）</span>
            </li>
          ))}
        </ul>
      )}

      <h3>知识测试对象</h3>
      {village.quiz.length === 0 ? (
        <p className="muted small">无</p>
      ) : (
        <ul className="plain-list">
          {village.quiz.map((q) => (
            <li key={q.cadreNo}>
              <code>{q.cadreNo}</code> {q.role} <span className="muted small">· {q.questionIds.length} 道题</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function ItemList({ items, eligible }: { items: string[]; eligible: number }) {
  if (items.length === 0) return <p className="muted small">未抽取（可抽 {eligible} 个）</p>;
  return (
    <ul className="plain-list">
      {items.map((text) => (
        <li key={text}>{text}</li>
      ))}
      <li className="muted small">共 {eligible} 个可抽</li>
    </ul>
  );
}
