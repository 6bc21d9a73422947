import { useState } from 'react';
import type { ScoringSchemeDto } from '@lookback/contracts';
import { COMPONENT_LABELS, COMPONENTS, PROBLEM_TYPES, schemeProblemsInChinese, SEVERITIES, validateScheme, type ScoringScheme } from '@lookback/scoring';
import { api } from '../../api.js';
import { Async, ErrorBox } from '../../components/Status.js';
import { useAsync } from '../../components/useAsync.js';
import { describeError } from '../../errors.js';
import { formatDateTime } from '../../format.js';
import './rankings.css';

/** What the JSON box holds, parsed, or why it cannot be read. */
function parse(text: string): { scheme: ScoringScheme } | { error: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'JSON 应为一个对象（{ … }）' };
    return { scheme: value as ScoringScheme };
  } catch (e) {
    return { error: `JSON 格式有误：${e instanceof Error ? e.message : String(e)}` };
  }
}

/** 评分方案: admins edit the weights as a form or as JSON; saving makes a new version, never edits one. */
export function ScoringSchemesPage() {
  const [state, retry] = useAsync((signal) => api.scoringSchemes(signal), []);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="page" data-testid="page-scoring-schemes">
      <h1>评分方案</h1>
      <p className="muted">每次保存都生成一个新版本，旧版本保持不变；每期排队都记录所用方案的版本和指纹，可以用任一版本重新计算。</p>
      {saved && (
        <p className="notice" data-testid="scheme-saved">
          {saved}
        </p>
      )}
      <Async state={state} retry={retry}>
        {(list) => (
          <Editor
            schemes={list}
            onEdit={() => setSaved(null)}
            onSaved={(message) => {
              setSaved(message);
              retry();
            }}
          />
        )}
      </Async>
    </section>
  );
}

function Editor({ schemes, onSaved, onEdit }: { schemes: ScoringSchemeDto[]; onSaved: (message: string) => void; onEdit: () => void }) {
  const current = schemes.find((s) => s.current) ?? schemes[0];
  const [text, setText] = useState(() => JSON.stringify({ ...(current?.body ?? {}), version: '' }, null, 2));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = parse(text);
  const problems = 'scheme' in parsed ? schemeProblemsInChinese(validateScheme(parsed.scheme)) : [parsed.error];
  const scheme = 'scheme' in parsed ? parsed.scheme : null;

  const update = (change: (s: ScoringScheme) => ScoringScheme) => {
    if (!scheme) return;
    setText(JSON.stringify(change(scheme), null, 2));
    onEdit();
  };
  const num = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
  const shown = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? String(x) : '');

  const save = async () => {
    if (!scheme || problems.length) return;
    setSaving(true);
    setError(null);
    try {
      const row = await api.createScoringScheme(scheme, note);
      onSaved(`已保存为新版本 ${row.version}，下一期排队起使用`);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {scheme && (
        <form className="plan-form" onSubmit={(e) => e.preventDefault()} data-testid="scheme-form">
          <div className="scheme-grid">
            <label>
              新版本号
              <input value={scheme.version ?? ''} onChange={(e) => update((s) => ({ ...s, version: e.target.value }))} placeholder={`例如 ${current ? current.version + '.1' : '2026.1'}`} data-testid="scheme-version" />
            </label>
            <label>
              修改说明
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
            </label>
            <label>
              入户计量方式
              <select value={scheme.householdMeasure} onChange={(e) => update((s) => ({ ...s, householdMeasure: e.target.value as ScoringScheme['householdMeasure'] }))}>
                <option value="burden">按问题负担（类型 × 严重程度）</option>
                <option value="indicator">按问题户（有无问题）</option>
              </select>
            </label>
          </div>
          <h2>分项分值（合计 100）</h2>
          <div className="scheme-grid">
            {COMPONENTS.map((c) => (
              <label key={c}>
                {COMPONENT_LABELS[c]}
                <input type="number" step="any" value={shown(scheme.components?.[c])} onChange={(e) => update((s) => ({ ...s, components: { ...s.components, [c]: num(e.target.value) } }))} data-testid={`weight-${c}`} />
              </label>
            ))}
          </div>
          <h2>严重程度系数</h2>
          <div className="scheme-grid">
            {SEVERITIES.map((v) => (
              <label key={v}>
                {v}
                <input type="number" step="any" value={shown(scheme.severityWeights?.[v])} onChange={(e) => update((s) => ({ ...s, severityWeights: { ...s.severityWeights, [v]: num(e.target.value) } }))} />
              </label>
            ))}
          </div>
          <h2>问题类型系数</h2>
          <div className="scheme-grid">
            {PROBLEM_TYPES.map((t) => (
              <label key={t}>
                {t}
                <input type="number" step="any" value={shown(scheme.problemTypeWeights?.[t])} onChange={(e) => update((s) => ({ ...s, problemTypeWeights: { ...s.problemTypeWeights, [t]: num(e.target.value) } }))} />
              </label>
            ))}
          </div>
          <h2>整改台账</h2>
          <div className="scheme-grid">
            <label>
              每项逾期扣分
              <input type="number" step="any" value={shown(scheme.overduePenaltyPerItem)} onChange={(e) => update((s) => ({ ...s, overduePenaltyPerItem: num(e.target.value) }))} />
            </label>
            <label>
              最多扣分
              <input type="number" step="any" value={shown(scheme.maxLedgerPenalty)} onChange={(e) => update((s) => ({ ...s, maxLedgerPenalty: num(e.target.value) }))} />
            </label>
          </div>
        </form>
      )}
      <h2>JSON</h2>
      <textarea className="scheme-json" value={text} onChange={(e) => {
          setText(e.target.value);
          onEdit();
        }} spellCheck={false} data-testid="scheme-json" aria-label="评分方案 JSON" />
      {problems.length > 0 && (
        <ul className="problem-list" role="alert" data-testid="scheme-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {error && <ErrorBox message={error} />}
      <div className="actions">
        <button type="button" className="button primary" disabled={saving || problems.length > 0} onClick={() => void save()} data-testid="save-scheme">
          {saving ? '正在保存…' : '保存为新版本'}
        </button>
      </div>

      <h2>历史版本</h2>
      <div className="table-wrap">
        <table className="table" data-testid="scheme-versions">
          <thead>
            <tr>
              <th>版本</th>
              <th>指纹</th>
              <th>说明</th>
              <th>保存人</th>
              <th>保存时间</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {schemes.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.version} {s.current && <span className="badge">当前</span>}
                </td>
                <td className="hash">{s.fingerprint.slice(0, 16)}</td>
                <td className="wrap">{s.note}</td>
                <td>{s.createdBy ?? '系统'}</td>
                <td className="nowrap">{formatDateTime(s.createdAt)}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => setText(JSON.stringify({ ...s.body, version: '' }, null, 2))}>
                    以此为底稿
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
