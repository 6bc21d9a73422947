import { useState, type FormEvent } from 'react';
import { LEDGER_NATURES, LEDGER_STATUS_LABELS, LEDGER_STATUSES, type LedgerItemDto, type LedgerNature, type LedgerStatus, type SessionUserDto } from '@lookback/contracts';
import { api } from '../api.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { hrefFor, navigate, type Route } from '../router.js';
import { ledgerApi, type LedgerFilter } from './ledger-api.js';
import { deadlineText, PROBLEM_TYPE_OPTIONS, StatusBadge } from './ledger-view.js';
import './ledger.css';

type LedgerRoute = Extract<Route, { name: 'ledger' }>;

function filterOf(route: LedgerRoute): LedgerFilter {
  return { status: (route.status as LedgerStatus | null) ?? '', town: route.town ?? '', overdue: route.overdue, plan: route.plan ?? '' };
}

function go(route: LedgerRoute, change: Partial<LedgerRoute>): void {
  navigate(hrefFor({ ...route, ...change }));
}

/**
 * 整改台账: the rectifier's list of its own items first (cards that read on a phone), filters by
 * status, town and 逾期, exports in the 建安 and 襄城 layouts; planners also issue and add items.
 */
export function LedgerPage({ route, user }: { route: LedgerRoute; user: SessionUserDto }) {
  const filter = filterOf(route);
  const [loaded, retry] = useAsync((signal) => ledgerApi.list(filter, signal), [route.status, route.town, route.overdue, route.plan]);
  const [towns] = useAsync((signal) => (user.role === 'rectifier' ? Promise.resolve([]) : api.towns(signal)), [user.role]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const planner = user.role === 'planner';

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const { issued } = await ledgerApi.issue([...selected]);
      setNotice(`已下发 ${issued} 条整改事项`);
      setSelected(new Set());
      retry();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page ledger-page" data-testid="page-ledger">
      <div className="page-head">
        <h1>整改台账</h1>
        <div className="ledger-exports">
          <a className="button secondary" href={ledgerApi.exportUrl('jianan', filter)} download data-testid="export-jianan">
            导出（建安格式）
          </a>
          <a className="button secondary" href={ledgerApi.exportUrl('xiangcheng', filter)} download data-testid="export-xiangcheng">
            导出（襄城格式）
          </a>
          {planner && (
            <button type="button" className="button" onClick={() => setAdding((a) => !a)} data-testid="ledger-add-toggle">
              {adding ? '收起' : '手工添加'}
            </button>
          )}
        </div>
      </div>
      {user.role === 'rectifier' && <p className="muted">这里是督查组下发给本单位的整改事项。点开一条，上传整改照片或材料、填写整改情况后提交核验。</p>}
      {route.plan && (
        <p className="notice">
          仅显示一个督查方案的事项。<a href={hrefFor({ ...route, plan: null })}>显示全部</a>
        </p>
      )}
      {adding && planner && <NewItemForm onCreated={() => (setAdding(false), retry())} towns={towns.status === 'ready' ? towns.data : []} planId={route.plan} />}

      <div className="filters ledger-filters" role="group" aria-label="筛选">
        <div className="segmented" role="radiogroup" aria-label="状态">
          <button type="button" className={!route.status ? 'segment active' : 'segment'} onClick={() => go(route, { status: null })}>
            全部
          </button>
          {LEDGER_STATUSES.map((s) => (
            <button key={s} type="button" className={route.status === s ? 'segment active' : 'segment'} onClick={() => go(route, { status: s })} data-testid={`filter-${s}`}>
              {LEDGER_STATUS_LABELS[s]}
              {loaded.status === 'ready' && !route.status ? ` ${loaded.data.counts[s]}` : ''}
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={route.overdue} onChange={(e) => go(route, { overdue: e.target.checked })} data-testid="filter-overdue" />
          只看逾期{loaded.status === 'ready' ? `（${loaded.data.counts.overdue}）` : ''}
        </label>
        {towns.status === 'ready' && towns.data.length > 0 && (
          <select value={route.town ?? ''} onChange={(e) => go(route, { town: e.target.value || null })} aria-label="乡镇" data-testid="filter-town">
            <option value="">全部乡镇</option>
            {towns.data.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </div>
      {error && <ErrorBox message={error} />}
      {notice && <p className="notice">{notice}</p>}
      {planner && selected.size > 0 && (
        <div className="ledger-selection">
          已选 {selected.size} 条未下发事项
          <button type="button" className="button" disabled={busy} onClick={() => void issue()} data-testid="issue-selected">
            下发给责任单位
          </button>
        </div>
      )}
      <Async state={loaded} retry={retry}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted" data-testid="ledger-empty">
              {user.role === 'rectifier' ? '暂无下发给本单位的整改事项。' : '没有符合条件的整改事项。'}
            </p>
          ) : (
            <ul className="ledger-list" data-testid="ledger-list">
              {data.items.map((item) => (
                <LedgerCard
                  key={item.id}
                  item={item}
                  selectable={planner && !item.issued}
                  selected={selected.has(item.id)}
                  onSelect={(on) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      if (on) next.add(item.id);
                      else next.delete(item.id);
                      return next;
                    })
                  }
                />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

function LedgerCard({ item, selectable, selected, onSelect }: { item: LedgerItemDto; selectable: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  return (
    <li className={item.overdue ? 'ledger-card overdue' : 'ledger-card'} data-testid="ledger-card">
      {selectable && <input type="checkbox" className="ledger-select" aria-label={`选择第 ${item.seq} 条`} checked={selected} onChange={(e) => onSelect(e.target.checked)} />}
      <a href={hrefFor({ name: 'ledger-item', id: item.id })} className="ledger-card-link">
        <div className="ledger-card-head">
          <span className="ledger-seq">第 {item.seq} 条</span>
          <StatusBadge item={item} />
          {!item.issued && <span className="badge">未下发</span>}
          <span className="ledger-type">{item.problemType}</span>
          <span className="muted">{item.nature}</span>
        </div>
        <p className="ledger-desc">{item.description}</p>
        <div className="ledger-card-foot">
          <span>{[item.townName, item.villageName].filter(Boolean).join(' · ')}</span>
          <span>责任单位：{item.responsibleUnit}</span>
          <span className={item.overdue ? 'ledger-deadline late' : 'ledger-deadline'}>完成时限：{deadlineText(item.deadline)}</span>
        </div>
      </a>
    </li>
  );
}

function NewItemForm({ towns, planId, onCreated }: { towns: { code: string; name: string }[]; planId: string | null; onCreated: () => void }) {
  const [townCode, setTownCode] = useState('');
  const [problemType, setProblemType] = useState<string>(PROBLEM_TYPE_OPTIONS[0]);
  const [nature, setNature] = useState<LedgerNature>('个性问题');
  const [description, setDescription] = useState('');
  const [measures, setMeasures] = useState('');
  const [deadline, setDeadline] = useState('');
  const [unit, setUnit] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!townCode) return setError('请选择乡镇');
    setBusy(true);
    setError(null);
    try {
      await ledgerApi.create({
        townCode,
        problemType,
        nature,
        description,
        measures,
        deadline: deadline || null,
        responsibleUnit: unit || undefined,
        planId: planId ?? undefined,
      });
      onCreated();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ledger-form" onSubmit={(e) => void submit(e)} data-testid="ledger-new">
      <label className="field">
        <span>乡镇</span>
        <select value={townCode} onChange={(e) => setTownCode(e.target.value)} required>
          <option value="">请选择</option>
          {towns.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>问题类型</span>
        <select value={problemType} onChange={(e) => setProblemType(e.target.value)}>
          {PROBLEM_TYPE_OPTIONS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>问题性质</span>
        <select value={nature} onChange={(e) => setNature(e.target.value as LedgerNature)}>
          {LEDGER_NATURES.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="field wide">
        <span>问题表述</span>
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} required />
      </label>
      <label className="field wide">
        <span>整改措施</span>
        <textarea value={measures} onChange={(e) => setMeasures(e.target.value)} rows={2} />
      </label>
      <label className="field">
        <span>完成时限（留空为长期坚持）</span>
        <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>
      <label className="field">
        <span>责任单位（默认乡镇政府）</span>
        <input value={unit} onChange={(e) => setUnit(e.target.value)} />
      </label>
      {error && <ErrorBox message={error} />}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          添加
        </button>
      </div>
    </form>
  );
}
