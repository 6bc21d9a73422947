import { useState } from 'react';
import type { PlanDto, PlanFindingDto } from '@lookback/contracts';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { hrefFor } from '../router.js';
import { ledgerApi } from './ledger-api.js';
import './ledger.css';

/**
 * On the plan page (planner): the plan's findings, 从发现问题生成台账 (one item per finding, or the
 * ticked ones merged into one 共性问题), 下发 once the seed is revealed, and the exports.
 */
export function PlanLedgerSection({ plan }: { plan: PlanDto }) {
  const [loaded, retry] = useAsync((signal) => ledgerApi.planFindings(plan.id, signal), [plan.id]);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [groups, setGroups] = useState<string[][]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const issuable = plan.status === 'revealed' || plan.status === 'completed';

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setNotice(await work());
      retry();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const generate = () =>
    act(async () => {
      const result = await ledgerApi.generate(plan.id, groups);
      setGroups([]);
      setTicked(new Set());
      return `新生成 ${result.created} 条整改事项${result.skipped ? `，${result.skipped} 个发现问题此前已在台账中` : ''}`;
    });
  const issue = () => act(async () => `已下发 ${(await ledgerApi.issuePlan(plan.id)).issued} 条整改事项`);
  const grouped = new Set(groups.flat());

  return (
    <section className="ledger-box" data-testid="plan-ledger">
      <h2>整改台账</h2>
      <Async state={loaded} retry={retry}>
        {(findings: PlanFindingDto[]) => {
          const open = findings.filter((f) => f.itemId === null);
          return (
            <>
              <p>
                本方案共发现问题 {findings.length} 个，已进入台账 {findings.length - open.length} 个。
                <a href={hrefFor({ name: 'ledger', status: null, town: null, overdue: false, plan: plan.id })}>查看本方案整改台账</a>
              </p>
              {open.length > 0 && (
                <>
                  <p className="small muted">默认每个问题生成一条（个性问题）；勾选同一乡镇、同一类型的几个问题后点“合并”，它们将生成一条共性问题。</p>
                  <ul className="ledger-findings" data-testid="plan-findings">
                    {open.map((f) => (
                      <li key={f.key}>
                        <input
                          type="checkbox"
                          aria-label={`选择 ${f.description}`}
                          disabled={grouped.has(f.key)}
                          checked={ticked.has(f.key) || grouped.has(f.key)}
                          onChange={(e) =>
                            setTicked((s) => {
                              const next = new Set(s);
                              if (e.target.checked) next.add(f.key);
                              else next.delete(f.key);
                              return next;
                            })
                          }
                        />
                        <span>
                          <strong>{f.problemType}</strong> {f.description}
                          <span className="muted small">
                            （{f.villageCode} · {f.check}）{grouped.has(f.key) ? ' · 已合并' : ''}
                          </span>
                        </span>
                      </li>
                    ))}
                  </ul>
                  <div className="ledger-actions">
                    <button type="button" className="button secondary" disabled={ticked.size < 2} onClick={() => (setGroups((g) => [...g, [...ticked]]), setTicked(new Set()))}>
                      合并所选为一条共性问题
                    </button>
                    {groups.length > 0 && (
                      <button type="button" className="link-button" onClick={() => setGroups([])}>
                        取消全部合并（{groups.length} 组）
                      </button>
                    )}
                    <button type="button" className="button" disabled={busy} onClick={() => void generate()} data-testid="ledger-generate">
                      从发现问题生成台账
                    </button>
                  </div>
                </>
              )}
            </>
          );
        }}
      </Async>
      <div className="ledger-actions">
        <button type="button" className="button" disabled={busy || !issuable} onClick={() => void issue()} data-testid="ledger-issue-plan" title={issuable ? undefined : '走访结束、公开种子之后才能下发'}>
          下发给责任单位
        </button>
        <a className="button secondary" href={ledgerApi.exportUrl('jianan', { plan: plan.id })} download>
          整改台账（建安格式）
        </a>
        <a className="button secondary" href={ledgerApi.exportUrl('xiangcheng', { plan: plan.id })} download>
          排查整改台账（襄城格式）
        </a>
        <a className="button secondary" href={ledgerApi.householdLedgerUrl(plan.id)} download data-testid="export-xiao">
          入户排查台账（萧县格式）
        </a>
      </div>
      {!issuable && <p className="small muted">为保密（四不两直），整改事项在公开种子（走访结束）之后才能下发给责任单位。</p>}
      {notice && <p className="notice">{notice}</p>}
      {error && <ErrorBox message={error} />}
    </section>
  );
}
