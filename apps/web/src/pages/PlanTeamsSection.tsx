import { addDays, chinaDate, type DayRouteDto, type PlanDto, type TeamDto, type TownDto, type VillageDto, type VisitDto } from '@lookback/contracts';
import type { VillageDraw } from '@lookback/sampling';
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ConfirmPanel } from '../components/ConfirmPanel.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { RouteMap } from '../map/LazyRouteMap.js';
import { planMap, teamColors } from '../route/plan-map.js';
import { formatDistance } from '../route/route-progress.js';
import { emptyTeamForm, teamRequestFromForm, visitDays, visitsFromRows, type ScheduleRow, type TeamForm } from '../route/team-form.js';
import { hrefFor } from '../router.js';

interface TeamsData {
  teams: TeamDto[];
  visits: VisitDto[];
  routes: DayRouteDto[];
  villages: VillageDto[];
  towns: TownDto[];
}

async function loadTeams(planId: string, signal: AbortSignal): Promise<TeamsData> {
  const [teams, visits, routes, villages, towns] = await Promise.all([
    api.teams(planId, signal),
    api.schedule(planId, signal),
    api.routes(planId, signal),
    api.villages(null, signal),
    api.towns(signal),
  ]);
  return { teams, visits, routes, villages, towns };
}

/** 督查组与走访安排 — the planner's teams, who visits which village when, the plan map and route sheets. */
export function PlanTeamsSection({ plan, drawn }: { plan: PlanDto; drawn: VillageDraw[] }) {
  const [data, reload] = useAsync((signal) => loadTeams(plan.id, signal), [plan.id]);
  return (
    <section className="teams-section" data-testid="plan-teams">
      <h2>督查组与走访安排</h2>
      <Async state={data} retry={reload}>
        {(loaded) => <TeamsView plan={plan} drawn={drawn} data={loaded} reload={reload} />}
      </Async>
    </section>
  );
}

function TeamsView({ plan, drawn, data, reload }: { plan: PlanDto; drawn: VillageDraw[]; data: TeamsData; reload: () => void }) {
  const editable = plan.status === 'draft' || plan.status === 'sealed';
  const [picking, setPicking] = useState(false);
  const [form, setForm] = useState<TeamForm>(emptyTeamForm);
  const inPlan = useMemo(() => new Set(plan.villageCodes), [plan.villageCodes]);
  const planVillages = useMemo(() => data.villages.filter((v) => inPlan.has(v.code)), [data.villages, inPlan]);
  const map = useMemo(() => planMap({ teams: data.teams, visits: data.visits, routes: data.routes, villages: planVillages }), [data, planVillages]);
  const picked: [number, number] | null = Number.isFinite(Number.parseFloat(form.startLat)) && Number.isFinite(Number.parseFloat(form.startLng)) ? [Number(form.startLat), Number(form.startLng)] : null;
  const scene = useMemo(() => {
    if (!picked) return map.scene;
    const pin = { id: 'picked', lat: picked[0], lng: picked[1], label: '新', variant: 'start' as const, color: '#101828', highlight: true };
    return { ...map.scene, numbered: [...map.scene.numbered, pin] };
  }, [map, picked?.[0], picked?.[1]]);

  return (
    <>
      <h3>督查组（{data.teams.length}）</h3>
      <TeamList plan={plan} teams={data.teams} editable={editable} reload={reload} />
      {editable ? (
        <NewTeamForm plan={plan} towns={data.towns} form={form} setForm={setForm} picking={picking} setPicking={setPicking} reload={reload} />
      ) : (
        <p className="muted small">种子公开后不能再调整督查组和走访安排。</p>
      )}

      <h3>方案地图</h3>
      <p className="muted small">
        行政村按督查组着色，线条为每个督查组每天的路线（出发点 → 各村 → 返回）；小点为抽中农户（缩小时合并显示），以及有坐标的项目资产。
        {picking && <strong className="pick-hint"> 请在地图上点选新督查组的出发点。</strong>}
      </p>
      <RouteMap
        scene={scene}
        legend={map.legend}
        testId="plan-map"
        fit={{ key: `${data.teams.length}|${data.routes.length}|${planVillages.length}`, points: map.extent }}
        onPick={
          picking
            ? (lat, lng) => {
                setForm((f) => ({ ...f, startLat: lat.toFixed(6), startLng: lng.toFixed(6) }));
                setPicking(false);
              }
            : undefined
        }
        emptyText="还没有可显示的村和路线"
      />

      {editable && data.teams.length > 0 && <AutoSchedule plan={plan} visits={data.visits} reload={reload} />}
      {data.teams.length > 0 && <ScheduleTable plan={plan} drawn={drawn} teams={data.teams} visits={data.visits} editable={editable} reload={reload} />}

      <h3>每日路线与路线单</h3>
      <RouteDays plan={plan} routes={data.routes} teams={data.teams} />
    </>
  );
}

function TeamList({ plan, teams, editable, reload }: { plan: PlanDto; teams: TeamDto[]; editable: boolean; reload: () => void }) {
  const [removing, setRemoving] = useState<TeamDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const colors = teamColors(teams);
  if (teams.length === 0) return <p className="muted" data-testid="teams-empty">还没有督查组。先建立督查组，再安排走访。</p>;
  const remove = async (team: TeamDto) => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteTeam(plan.id, team.id);
      setRemoving(null);
      reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="teams-table">
          <thead>
            <tr>
              <th>组名</th>
              <th>出发点</th>
              <th>督查员</th>
              {editable && <th />}
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id} data-testid="team-row">
                <td>
                  <span className="legend-dot" style={{ background: colors.get(team.id) }} />
                  {team.name}
                </td>
                <td>
                  {team.startLabel}
                  <div className="muted small">
                    {team.startLat.toFixed(4)}, {team.startLng.toFixed(4)}
                  </div>
                </td>
                <td data-testid="team-members-cell">
                  {team.members.map((m) => `${m.displayName}（${m.username}）${m.id === team.leaderId ? ' · 组长' : ''}`).join('、')}
                </td>
                {editable && (
                  <td>
                    <button type="button" className="link-button" data-testid="team-delete" onClick={() => setRemoving(team)}>
                      删除
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <ErrorBox message={error} />}
      {removing && (
        <ConfirmPanel title="删除督查组" confirmLabel="确认删除" busy={busy} onConfirm={() => void remove(removing)} onCancel={() => setRemoving(null)}>
          <p>删除“{removing.name}”及其全部走访安排？</p>
        </ConfirmPanel>
      )}
    </>
  );
}

function NewTeamForm({
  plan,
  towns,
  form,
  setForm,
  picking,
  setPicking,
  reload,
}: {
  plan: PlanDto;
  towns: TownDto[];
  form: TeamForm;
  setForm: (update: (f: TeamForm) => TeamForm) => void;
  picking: boolean;
  setPicking: (on: boolean) => void;
  reload: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof Omit<TeamForm, 'homeTowns'>) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = teamRequestFromForm(form);
    if (!request.ok) {
      setError(request.message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.createTeam(plan.id, request.value);
      setForm(() => emptyTeamForm());
      setPicking(false);
      reload();
    } catch (e) {
      // The API names the usernames that are not (enabled) inspector accounts.
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="team-form" data-testid="team-form" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="fieldset">
        <legend>新建督查组</legend>
        <div className="filters">
          <label className="field">
            组名
            <input data-testid="team-name" value={form.name} onChange={set('name')} disabled={busy} placeholder="第三督查组" />
          </label>
          <label className="field grow">
            出发地点
            <input data-testid="team-start-label" value={form.startLabel} onChange={set('startLabel')} disabled={busy} placeholder="县政府" />
          </label>
        </div>
        <div className="filters">
          <label className="field narrow">
            纬度
            <input data-testid="team-start-lat" value={form.startLat} onChange={set('startLat')} disabled={busy} inputMode="decimal" placeholder="33.2544" />
          </label>
          <label className="field narrow">
            经度
            <input data-testid="team-start-lng" value={form.startLng} onChange={set('startLng')} disabled={busy} inputMode="decimal" placeholder="113.0125" />
          </label>
          <button type="button" className={picking ? 'button primary align-end' : 'button secondary align-end'} data-testid="team-pick-start" onClick={() => setPicking(!picking)} aria-pressed={picking}>
            {picking ? '取消点选' : '在地图上点选'}
          </button>
        </div>
        <label className="field">
          督查员用户名（用逗号分隔，第一位为组长，负责签字确认）
          <input data-testid="team-members" value={form.members} onChange={set('members')} disabled={busy} autoCapitalize="none" autoCorrect="off" spellCheck={false} placeholder="inspector1, inspector2" />
        </label>
        {towns.length > 0 && (
          <div className="field">
            组员所在乡镇（回避，不安排本组去这些乡镇）
            <div className="checks">
              {towns.map((town) => (
                <label key={town.code} className="check">
                  <input
                    type="checkbox"
                    checked={form.homeTowns.includes(town.code)}
                    onChange={(e) => {
                      const on = e.target.checked;
                      setForm((f) => ({ ...f, homeTowns: on ? [...f.homeTowns, town.code] : f.homeTowns.filter((c) => c !== town.code) }));
                    }}
                    disabled={busy}
                  />
                  {town.name}
                </label>
              ))}
            </div>
          </div>
        )}
        {error && <ErrorBox message={error} />}
        <button type="submit" className="button primary" data-testid="team-create" disabled={busy}>
          {busy ? '正在保存…' : '建立督查组'}
        </button>
      </fieldset>
    </form>
  );
}

function tomorrow(): string {
  return addDays(chinaDate(new Date()), 1);
}

function AutoSchedule({ plan, visits, reload }: { plan: PlanDto; visits: VisitDto[]; reload: () => void }) {
  const [dates, setDates] = useState<string[]>(() => {
    const existing = visitDays(visits, []);
    return existing.length ? existing : [tomorrow()];
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const chosen = visitDays([], dates);
    if (chosen.length === 0) {
      setError('请至少选择 1 个走访日');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.autoSchedule(plan.id, chosen);
      reload();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <fieldset className="fieldset" data-testid="auto-schedule">
      <legend>自动安排</legend>
      <p className="muted small">按走访日均衡工作量，同一乡镇尽量由同一组走访，各组回避组员所在乡镇。会替换现有安排。</p>
      <div className="date-list">
        {dates.map((date, i) => (
          <span key={i} className="date-item">
            <input
              type="date"
              className="wide-input"
              aria-label={`走访日 ${i + 1}`}
              data-testid="auto-date"
              value={date}
              onChange={(e) => {
                const value = e.target.value;
                setDates((list) => list.map((d, j) => (j === i ? value : d)));
              }}
              disabled={busy}
            />
            <button type="button" className="link-button" aria-label={`删除走访日 ${i + 1}`} onClick={() => setDates((list) => list.filter((_, j) => j !== i))} disabled={busy || dates.length === 1}>
              删除
            </button>
          </span>
        ))}
        <button type="button" className="button secondary" data-testid="auto-add-date" onClick={() => setDates((list) => [...list, nextDay(list[list.length - 1])])} disabled={busy}>
          加一天
        </button>
      </div>
      {error && <ErrorBox message={error} />}
      <button type="button" className="button primary" data-testid="auto-run" onClick={() => void run()} disabled={busy}>
        {busy ? '正在安排…' : '自动安排'}
      </button>
    </fieldset>
  );
}

function nextDay(date: string | undefined): string {
  const base = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : new Date();
  return new Date(base.getTime() + 86_400_000).toISOString().slice(0, 10);
}

function ScheduleTable({ plan, drawn, teams, visits, editable, reload }: { plan: PlanDto; drawn: VillageDraw[]; teams: TeamDto[]; visits: VisitDto[]; editable: boolean; reload: () => void }) {
  const initial = useMemo(
    () =>
      drawn.map((v): ScheduleRow => {
        const visit = visits.find((x) => x.villageCode === v.villageCode);
        return { villageCode: v.villageCode, villageName: v.villageName, teamId: visit?.teamId ?? '', visitDate: visit?.visitDate ?? '' };
      }),
    [drawn, visits],
  );
  const [rows, setRows] = useState(initial);
  const [extraDay, setExtraDay] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const days = visitDays(visits, [...rows.map((r) => r.visitDate), extraDay]);
  const town = new Map(drawn.map((v) => [v.villageCode, v.townName]));
  const update = (code: string, change: Partial<ScheduleRow>) => {
    setSaved(false);
    setRows((list) => list.map((r) => (r.villageCode === code ? { ...r, ...change } : r)));
  };
  const save = async () => {
    const visitsToSave = visitsFromRows(rows);
    if (!visitsToSave.ok) {
      setError(visitsToSave.message);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.setSchedule(plan.id, visitsToSave.value);
      setSaved(true);
      reload();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <>
      <h3>走访安排</h3>
      {editable && (
        <div className="filters">
          <label className="field narrow">
            可选走访日（加一天）
            <input type="date" data-testid="schedule-extra-day" value={extraDay} onChange={(e) => setExtraDay(e.target.value)} disabled={busy} />
          </label>
        </div>
      )}
      <div className="table-wrap">
        <table className="table compact" data-testid="schedule-table">
          <thead>
            <tr>
              <th>行政村</th>
              <th>督查组</th>
              <th>走访日</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.villageCode} data-testid="schedule-row" data-code={row.villageCode}>
                <td>
                  {row.villageName}
                  <div className="muted small">{town.get(row.villageCode)}</div>
                </td>
                <td>
                  <select className="wide-input" aria-label={`${row.villageName} 督查组`} data-testid="schedule-team" value={row.teamId} onChange={(e) => update(row.villageCode, { teamId: e.target.value })} disabled={!editable || busy}>
                    <option value="">未安排</option>
                    {teams.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select className="wide-input" aria-label={`${row.villageName} 走访日`} data-testid="schedule-date" value={row.visitDate} onChange={(e) => update(row.villageCode, { visitDate: e.target.value })} disabled={!editable || busy}>
                    <option value="">未安排</option>
                    {days.map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <ErrorBox message={error} />}
      {saved && !error && (
        <p className="notice" role="status">
          已保存走访安排
        </p>
      )}
      {editable && (
        <button type="button" className="button primary" data-testid="schedule-save" onClick={() => void save()} disabled={busy}>
          {busy ? '正在保存…' : '保存走访安排'}
        </button>
      )}
    </>
  );
}

function RouteDays({ plan, routes, teams }: { plan: PlanDto; routes: DayRouteDto[]; teams: TeamDto[] }) {
  if (routes.length === 0) return <p className="muted small">安排走访后，这里列出每个督查组每天的路线，并可打印路线单。</p>;
  const colors = teamColors(teams);
  return (
    <ul className="route-days" data-testid="route-days">
      {routes.map((route) => (
        <li key={`${route.team.id}|${route.visitDate}`} data-testid="route-day">
          <span className="legend-dot" style={{ background: colors.get(route.team.id) }} />
          <strong>{route.team.name}</strong> · {route.visitDate} · {route.villages.map((v) => v.villageName).join('、')} · 约 {formatDistance(route.totalMeters)}
          <a className="button secondary" href={hrefFor({ name: 'route-sheet', planId: plan.id, date: route.visitDate, teamId: route.team.id })} data-testid="route-day-print">
            打印路线单
          </a>
        </li>
      ))}
    </ul>
  );
}
