import { useState, type FormEvent } from 'react';
import type { TownDto, VillageDto } from '@lookback/contracts';
import { MIN_HOUSEHOLDS_PER_VILLAGE, STRATA, STRATUM_LABELS } from '@lookback/sampling';
import { api } from '../api.js';
import { Async, ErrorBox, Loading } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { formatCount } from '../format.js';
import { emptyPlanForm, groupVillagesByTown, planRequestFromForm, type PlanForm, type TownGroup } from '../plans.js';
import { hrefFor, navigate } from '../router.js';

async function loadChoices(signal: AbortSignal): Promise<{ towns: TownDto[]; groups: TownGroup[] }> {
  const [towns, villages] = await Promise.all([api.towns(signal), api.villages(null, signal)]);
  return { towns, groups: groupVillagesByTown(villages) };
}

export function NewPlanPage() {
  const [choices, retry] = useAsync((signal) => loadChoices(signal), []);
  return (
    <section className="page" data-testid="page-plan-new">
      <nav className="breadcrumb">
        <a href={hrefFor({ name: 'plans' })}>督查方案</a> / 新建
      </nav>
      <h1>新建督查方案</h1>
      <Async state={choices} retry={retry}>
        {(data) => <PlanFormView towns={data.towns} groups={data.groups} />}
      </Async>
    </section>
  );
}

function toggle(list: readonly string[], values: readonly string[], on: boolean): string[] {
  const set = new Set(list);
  for (const v of values) {
    if (on) set.add(v);
    else set.delete(v);
  }
  return [...set].sort();
}

function PlanFormView({ towns, groups }: { towns: TownDto[]; groups: TownGroup[] }) {
  const [form, setForm] = useState<PlanForm>(emptyPlanForm);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const update = (patch: Partial<PlanForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = planRequestFromForm(form);
    if (!request.ok) return setError(request.message);
    setBusy(true);
    setError(null);
    try {
      const { plan } = await api.createPlan(request.value);
      navigate(hrefFor({ name: 'plan', id: plan.id }));
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <form className="plan-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        方案名称
        <input data-testid="plan-name" value={form.name} maxLength={100} placeholder="如：2023年第四季度回头看督查" onChange={(e) => update({ name: e.target.value })} disabled={busy} />
      </label>

      <fieldset className="fieldset" disabled={busy}>
        <legend>抽查村</legend>
        <div className="segmented" role="radiogroup" aria-label="选村方式">
          <button type="button" role="radio" aria-checked={form.mode === 'list'} className={form.mode === 'list' ? 'segment active' : 'segment'} onClick={() => update({ mode: 'list' })} data-testid="plan-mode-list">
            勾选村
          </button>
          <button type="button" role="radio" aria-checked={form.mode === 'per-town'} className={form.mode === 'per-town' ? 'segment active' : 'segment'} onClick={() => update({ mode: 'per-town' })} data-testid="plan-mode-per-town">
            每个乡镇随机抽取 k 个村
          </button>
        </div>
        {form.mode === 'list' ? (
          <VillageChecklist groups={groups} selected={form.villages} onChange={(villages) => update({ villages })} />
        ) : (
          <div className="per-town">
            <label className="field narrow">
              每个乡镇抽取的村数 k
              <input data-testid="plan-per-town" type="number" inputMode="numeric" min={1} max={100} value={form.perTown} onChange={(e) => update({ perTown: e.target.value })} />
            </label>
            <p className="muted small">村由公开种子抽取，任何人可复核。不勾选乡镇即为您负责范围内的全部乡镇。</p>
            <div className="checks" data-testid="plan-towns">
              {towns.map((town) => (
                <label key={town.code} className="check">
                  <input type="checkbox" checked={form.towns.includes(town.code)} onChange={(e) => update({ towns: toggle(form.towns, [town.code], e.target.checked) })} />
                  {town.name}
                  <span className="muted small">（{formatCount(town.villageCount)} 村）</span>
                </label>
              ))}
            </div>
          </div>
        )}
      </fieldset>

      <label className="field">
        公开种子（如当众掷骰子得到的 20 位数字）
        <input data-testid="plan-seed" value={form.seed} inputMode="numeric" autoComplete="off" placeholder="留空则由服务器随机生成" onChange={(e) => update({ seed: e.target.value })} disabled={busy} />
      </label>
      <p className="muted small">种子在走访结束、公开之前始终保密；抽样前会先生成并公布承诺值，之后任何人都能用公开的种子复核。</p>

      <details className="advanced" data-testid="plan-advanced">
        <summary>高级设置</summary>
        <fieldset className="fieldset" disabled={busy}>
          <label className="field narrow">
            每村抽查户数（不少于 {MIN_HOUSEHOLDS_PER_VILLAGE}）
            <input data-testid="plan-per-village" type="number" inputMode="numeric" min={MIN_HOUSEHOLDS_PER_VILLAGE} value={form.perVillage} onChange={(e) => update({ perVillage: e.target.value })} />
          </label>
          <p className="muted small">权重越大，该类农户被抽中的比例越高（权重 4 约为权重 1 的 4 倍）；最少户数在该类农户足够时保证抽到。</p>
          <div className="table-wrap">
            <table className="table compact" data-testid="plan-strata">
              <thead>
                <tr>
                  <th>农户分层</th>
                  <th className="num">权重</th>
                  <th className="num">最少户数</th>
                </tr>
              </thead>
              <tbody>
                {STRATA.map((s) => (
                  <tr key={s}>
                    <td>{STRATUM_LABELS[s]}</td>
                    <td className="num">
                      <input className="cell-input" type="number" inputMode="numeric" min={1} aria-label={`${STRATUM_LABELS[s]}权重`} value={form.strata[s].weight} onChange={(e) => update({ strata: { ...form.strata, [s]: { ...form.strata[s], weight: e.target.value } } })} />
                    </td>
                    <td className="num">
                      <input className="cell-input" type="number" inputMode="numeric" min={1} aria-label={`${STRATUM_LABELS[s]}最少户数`} value={form.strata[s].minimum} onChange={(e) => update({ strata: { ...form.strata, [s]: { ...form.strata[s], minimum: e.target.value } } })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
      </details>

      {error && <ErrorBox message={error} />}
      {busy && <Loading text="正在抽样并生成承诺值…" />}
      <div className="actions">
        <a className="button secondary" href={hrefFor({ name: 'plans' })}>
          取消
        </a>
        <button type="submit" className="button primary" data-testid="plan-create" disabled={busy}>
          {busy ? '正在抽样…' : '创建方案并抽样'}
        </button>
      </div>
    </form>
  );
}

function VillageChecklist({ groups, selected, onChange }: { groups: TownGroup[]; selected: readonly string[]; onChange: (villages: string[]) => void }) {
  if (groups.length === 0) return <p className="muted">没有可选的行政村，请先导入数据。</p>;
  const chosen = new Set(selected);
  return (
    <div data-testid="plan-villages">
      <p className="muted small" data-testid="plan-villages-count">
        已选 {formatCount(selected.length)} 个村
      </p>
      {groups.map((group) => {
        const codes = group.villages.map((v) => v.code);
        const count = codes.filter((c) => chosen.has(c)).length;
        return (
          <details key={group.townCode} className="town-group" open={groups.length <= 3}>
            <summary>
              <span>{group.townName}</span>
              <span className="muted small">
                {' '}
                已选 {count}/{codes.length}
              </span>
            </summary>
            <label className="check all">
              <input type="checkbox" checked={count === codes.length} ref={(el) => { if (el) el.indeterminate = count > 0 && count < codes.length; }} onChange={(e) => onChange(toggle(selected, codes, e.target.checked))} />
              全选 {group.townName}
            </label>
            <div className="checks">
              {group.villages.map((v: VillageDto) => (
                <label key={v.code} className="check">
                  <input type="checkbox" data-testid="plan-village" value={v.code} checked={chosen.has(v.code)} onChange={(e) => onChange(toggle(selected, [v.code], e.target.checked))} />
                  {v.name}
                  <span className="muted small">（{formatCount(v.counts.total)} 户）</span>
                </label>
              ))}
            </div>
          </details>
        );
      })}
    </div>
  );
}
