import type { PlanDto } from '@lookback/contracts';
import { type ChecklistTemplate, POSITION_FLAG_LABELS } from '@lookback/fieldwork';
import type { VillageDraw } from '@lookback/sampling';
import { api, getJson } from '../api.js';
import { Async } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { STOP_KIND_NAMES } from '../field/day-state.js';
import { formatDateTime } from '../format.js';
import { conflictTime, conflictValue, type FieldProgress, itemLabel, notStarted, substitutionRow, teamDays, type TeamDay } from './plan-fieldwork.js';
import './plan-fieldwork.css';

async function load(planId: string, signal: AbortSignal) {
  const [progress, teams, visits, templates] = await Promise.all([
    getJson<FieldProgress>(`/api/plans/${encodeURIComponent(planId)}/fieldwork`, undefined, signal),
    api.teams(planId, signal),
    api.schedule(planId, signal),
    // Only for the wording of a conflicting item; the section still works without it.
    api.checklistTemplates(signal).then(
      (t) => t.current,
      (): ChecklistTemplate[] => [],
    ),
  ]);
  return { progress, teams, visits, templates };
}

/**
 * 外业进度 (planner, sealed/revealed/completed plans): progress per team-day and village, the
 * day sign-offs, every substitution (替补) and every conflict kept for the planner (冲突, both
 * answers). Data: GET /api/plans/:id/fieldwork; rules: @lookback/fieldwork villageProgress.
 */
export function PlanFieldworkSection({ plan, drawn }: { plan: PlanDto; drawn: VillageDraw[] }) {
  // A draft plan has no field work: its draw may still change.
  return plan.status === 'sealed' || plan.status === 'revealed' || plan.status === 'completed' ? <FieldworkSection plan={plan} drawn={drawn} /> : null;
}

function FieldworkSection({ plan, drawn }: { plan: PlanDto; drawn: VillageDraw[] }) {
  const [loaded, reload] = useAsync((signal) => load(plan.id, signal), [plan.id]);
  return (
    <section className="fieldwork-section" data-testid="plan-fieldwork">
      <div className="fieldwork-head">
        <h2>外业进度</h2>
        <button type="button" className="button secondary" onClick={reload} disabled={loaded.status === 'loading'} data-testid="fieldwork-refresh">
          {loaded.status === 'loading' ? '正在刷新…' : '刷新'}
        </button>
      </div>
      <Async state={loaded} retry={reload}>
        {(data) => <FieldworkView progress={data.progress} groups={teamDays(data.progress, drawn, data.teams, data.visits)} drawn={drawn} templates={data.templates} />}
      </Async>
    </section>
  );
}

function FieldworkView({ progress, groups, drawn, templates }: { progress: FieldProgress; groups: TeamDay[]; drawn: VillageDraw[]; templates: ChecklistTemplate[] }) {
  const done = progress.villages.filter((v) => v.done).length;
  const started = !notStarted(progress);
  return (
    <>
      <p className="fieldwork-summary" data-testid="fieldwork-summary">
        已完成 {done} / {progress.villages.length} 个村 · 替补 {progress.substitutions.length} 户 · 冲突 {progress.conflicts.length} 处 · 照片 {progress.photos} 张
        {progress.positionFlags.length > 0 && ` · 位置存疑 ${progress.positionFlags.length} 处`}
      </p>
      {!started && (
        <p className="fieldwork-empty" data-testid="fieldwork-empty">
          尚未开始外业：督查组在手机上记录并同步后，这里显示各村进度、替补和冲突。
        </p>
      )}

      <h3>各组每日进度</h3>
      {groups.length === 0 && <p className="muted">方案中没有抽中的村。</p>}
      {groups.map((g) => (
        <div className="fieldwork-day" key={g.key || 'unscheduled'} data-testid="fieldwork-day" data-date={g.visitDate ?? ''}>
          <div className="fieldwork-day-head">
            <strong>{g.visitDate ? `${g.visitDate} · ${g.teamName}` : '未安排走访日期的村'}</strong>
            <SignoffBadge group={g} />
          </div>
          <ul className="fieldwork-villages">
            {g.villages.map((v) => (
              <li key={v.villageCode} data-testid="fieldwork-village" data-village={v.villageCode} data-done={String(v.done)}>
                <span className="fieldwork-village-name">{v.villageName}</span>
                <span className="fieldwork-counts">
                  完成 {v.complete} · 替补 {v.substituted}
                  {v.unavailable > 0 && ` · 未能访谈 ${v.unavailable}`} · 剩余 {v.remaining} / 共 {v.total}
                </span>
                <span className={`badge ${v.done ? 'ok' : ''}`}>{v.done ? '已完成' : v.started ? '进行中' : '未开始'}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}

      <h3>替补记录（{progress.substitutions.length}）</h3>
      {progress.substitutions.length === 0 ? (
        <p className="muted" data-testid="substitutions-empty">没有替补。</p>
      ) : (
        <ul className="fieldwork-cards">
          {progress.substitutions.map((s) => {
            const row = substitutionRow(s, drawn);
            return (
              <li key={row.clientId} data-testid="fieldwork-substitution" data-absent={row.absent} data-replacement={row.replacement}>
                <div>
                  <strong>{row.villageName}</strong> · {row.stratum} · 原因：<span data-testid="substitution-reason">{row.reason}</span>
                </div>
                <div>
                  原抽中户 {row.absent} → 替补户 <strong>{row.replacement}</strong>
                </div>
                <div className="muted small">
                  {formatDateTime(row.at)} · 记录人 {row.by}
                </div>
              </li>
            );
          })}
        </ul>
      )}

      {progress.positionFlags.length > 0 && (
        <details className="fieldwork-flags">
          <summary>位置存疑（{progress.positionFlags.length}）：只作提示，不影响记录</summary>
          <ul>
            {progress.positionFlags.map((f) => (
              <li key={f.clientId} data-testid="fieldwork-position-flag">
                {f.stopCode}：{f.flags.map((flag) => POSITION_FLAG_LABELS[flag as keyof typeof POSITION_FLAG_LABELS] ?? flag).join('、')}
              </li>
            ))}
          </ul>
        </details>
      )}

      <h3>同步冲突（{progress.conflicts.length}）</h3>
      {progress.conflicts.length === 0 ? (
        <p className="muted" data-testid="conflicts-empty">没有冲突：各设备的记录一致。</p>
      ) : (
        <>
          <p className="muted small">两台设备对同一项目作答不同。系统按较晚的修改保留一个答案，另一个答案也保存在这里，请核实后决定。</p>
          <ul className="fieldwork-cards">
            {progress.conflicts.map((c, i) => (
              <li key={`${c.clientId}-${i}`} data-testid="fieldwork-conflict">
                <div>
                  <strong>{drawn.find((d) => d.villageCode === c.villageCode)?.villageName ?? c.villageCode}</strong> · {STOP_KIND_NAMES[c.stopKind] ?? c.stopKind} {c.stopCode}
                </div>
                <div>项目：{itemLabel(c.conflict.itemId, templates)}</div>
                <div className="fieldwork-conflict-sides">
                  <span>
                    保留：{conflictValue(c.conflict, 'kept')}
                    <span className="muted small">
                      （设备 {c.conflict.keptDevice}
                      {conflictTime(c.conflict, 'kept') ? `，${formatDateTime(conflictTime(c.conflict, 'kept'))}` : ''}）
                    </span>
                  </span>
                  <span>
                    另一答案：{conflictValue(c.conflict, 'other')}
                    <span className="muted small">
                      （设备 {c.conflict.fromDevice}
                      {conflictTime(c.conflict, 'other') ? `，${formatDateTime(conflictTime(c.conflict, 'other'))}` : ''}）
                    </span>
                  </span>
                </div>
                <div className="muted small">发现于 {formatDateTime(c.at)} · 记录编号 {c.clientId}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function SignoffBadge({ group }: { group: TeamDay }) {
  const s = group.signoff;
  if (!group.visitDate) return null;
  if (s.kind === 'signed') {
    return (
      <span className="fieldwork-signoff signed" data-testid="fieldwork-signoff" data-state="signed">
        已签字：{s.names.join('、')}（{formatDateTime(s.at)}）
      </span>
    );
  }
  if (s.kind === 'reopened') {
    return (
      <span className="fieldwork-signoff reopened" data-testid="fieldwork-signoff" data-state="reopened">
        曾签字：{s.names.join('、')}（{formatDateTime(s.signedAt)}），已于 {formatDateTime(s.at)} 重新开放，原因：{s.reason}
      </span>
    );
  }
  return (
    <span className="fieldwork-signoff" data-testid="fieldwork-signoff" data-state="none">
      未签字
    </span>
  );
}
