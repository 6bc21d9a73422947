/**
 * 离线工作台 — the downloaded day, read from IndexedDB only (works with no network): villages and
 * their stops with progress, one stop's capture, a cadre's quiz, the outbox and the sign-off.
 */
import type { SessionUserDto } from '@lookback/contracts';
import { useMemo } from 'react';
import { ErrorBox, Loading } from '../components/Status.js';
import { RouteMap } from '../map/LazyRouteMap.js';
import { type FieldView, hrefFor, navigate } from '../router.js';
import { FIELD_LEGEND, fieldScene } from './field-map.js';
import { fieldVillages, STOP_KIND_NAMES, STOP_STATE_LABELS, stopKey, type FieldVillage } from './day-state.js';
import { useDayData, useOnline } from './hooks.js';
import { OutboxBar } from './OutboxBar.js';
import { PacketDownload } from './PacketDownload.js';
import { QuizScreen } from './QuizScreen.js';
import { type FieldRuntime, useFieldRuntime, useOutboxStatus } from './runtime.js';
import { SignOffPanel } from './SignOffPanel.js';
import { StopEditor } from './StopEditor.js';
import type { DayData } from './store.js';
import { dayKey } from './types.js';
import './field.css';

export function FieldPage({ planId, date, view, user }: { planId: string; date: string; view: FieldView; user: SessionUserDto }) {
  const state = useFieldRuntime(user.id);
  return (
    <section className="page field-page" data-testid="page-field">
      {state.status === 'opening' && <Loading text="正在打开本机数据…" />}
      {state.status === 'error' && <ErrorBox message={state.message} />}
      {state.status === 'ready' && <FieldDay runtime={state.runtime} planId={planId} date={date} view={view} />}
    </section>
  );
}

function FieldDay({ runtime, planId, date, view }: { runtime: FieldRuntime; planId: string; date: string; view: FieldView }) {
  const key = dayKey(planId, date);
  const [data, reload] = useDayData(runtime, key);
  const status = useOutboxStatus(runtime.outbox);
  const online = useOnline();
  const villages = useMemo(
    () => (data ? fieldVillages(data.day.packet, data.records.map((r) => r.record), data.substitutions.map((s) => s.sub)) : []),
    [data],
  );
  const scene = useMemo(
    () =>
      data
        ? fieldScene(data.day.packet, villages, (v, i) => {
            const s = v.stops[i];
            navigate(hrefFor({ name: 'field', planId, date, view: { kind: 'stop', stopKind: s.stopKind, stopCode: s.stopCode } }));
          })
        : null,
    [data, villages, planId, date],
  );
  if (data === undefined) return <Loading text="正在读取本机数据…" />;
  const dayHref = hrefFor({ name: 'field', planId, date, view: { kind: 'day' } });
  if (data === null) {
    return (
      <>
        <p className="breadcrumb">
          <a href={hrefFor({ name: 'my-day', planId, date })}>← 当日路线</a>
        </p>
        <h1>离线工作台</h1>
        <PacketDownload runtime={runtime} planId={planId} date={date} day={null} onDownloaded={() => void reload()} showOpen={false} />
      </>
    );
  }
  if (view.kind === 'quiz') {
    return <QuizScreen runtime={runtime} data={data} cadreNo={view.cadreNo} online={online} reload={reload} />;
  }
  const bar = <OutboxBar runtime={runtime} status={status} online={online} events={data.events} />;
  if (view.kind === 'stop') {
    const stop = villages.flatMap((v) => v.stops).find((s) => s.stopKind === view.stopKind && s.stopCode === view.stopCode);
    return (
      <>
        {bar}
        <p className="breadcrumb">
          <a href={dayHref} data-testid="back-to-day">
            ← 返回走访列表
          </a>
        </p>
        {stop ? <StopEditor runtime={runtime} data={data} stop={stop} reload={reload} /> : <ErrorBox message="今天的工作包中没有这个走访点（可能已被替换或工作包已更新）" />}
      </>
    );
  }
  return (
    <>
      {bar}
      <p className="breadcrumb">
        <a href={hrefFor({ name: 'my-day', planId, date })}>← 当日路线（地图）</a>
      </p>
      <header className="day-head">
        <h1 data-testid="field-title">
          {data.day.packet.route.team.name} · {date}
        </h1>
        <p className="muted small">离线工作台 · 记录先保存在本机，联网后自动上传</p>
      </header>
      {data.day.signedOff && (
        <p className="signed-banner" data-testid="signed-banner">
          本日已签字确认，只能查看；如需修改请先“重新开放”（会被记录）。
        </p>
      )}
      <PacketDownload runtime={runtime} planId={planId} date={date} day={data.day} onDownloaded={() => void reload()} showOpen={false} />
      {scene && (
        <RouteMap
          scene={scene}
          legend={FIELD_LEGEND}
          testId="field-map"
          className="map day-map"
          fit={{ key: 'day', points: [[data.day.packet.route.start.lat, data.day.packet.route.start.lng], ...data.day.packet.route.villages.map((v): [number, number] => [v.lat, v.lng])] }}
        />
      )}
      {villages.map((v) => (
        <VillageCard key={v.villageCode} village={v} planId={planId} date={date} data={data} />
      ))}
      <SignOffPanel runtime={runtime} data={data} villages={villages} reload={reload} online={online} />
    </>
  );
}

function VillageCard({ village, planId, date, data }: { village: FieldVillage; planId: string; date: string; data: DayData }) {
  const p = village.progress;
  const photos = (clientId: string | undefined) => (clientId ? data.photos.filter((ph) => ph.stopClientId === clientId).length : 0);
  return (
    <section className="field-village" data-testid="field-village" data-code={village.villageCode} data-done={p.done}>
      <h2>
        <span className="stop-no village">{village.seq}</span> {village.villageName}
        {p.done && <span className="badge ok">本村已完成</span>}
      </h2>
      <p className="small muted" data-testid="village-progress">
        {village.townName} · 共 {p.total} 处 · 完成 {p.complete} · 替换 {p.substituted}
        {p.unavailable ? ` · 未能访谈 ${p.unavailable}` : ''} · 还剩 {p.pending.length}
      </p>
      <ol className="field-stops">
        {village.stops.map((stop) => {
          const n = photos(stop.record?.clientId);
          return (
            <li key={stopKey(stop)} className={`field-stop ${stop.state}`} data-testid="field-stop" data-kind={stop.stopKind} data-code={stop.stopCode} data-state={stop.state}>
              <a href={hrefFor({ name: 'field', planId, date, view: { kind: 'stop', stopKind: stop.stopKind, stopCode: stop.stopCode } })}>
                <span className="stop-text">
                  <strong>{stop.label}</strong>
                  <span className="small">
                    {STOP_KIND_NAMES[stop.stopKind]} · {stop.detail}
                    {stop.replacementFor && <span className="badge">替补（替换 {stop.replacementFor.slice(-4)}）</span>}
                  </span>
                  <code className="small muted">{stop.stopCode}</code>
                </span>
                <span className="stop-state">
                  <span className={`state-pill ${stop.state}`}>{STOP_STATE_LABELS[stop.state]}</span>
                  {n > 0 && <span className="small muted">📷 {n}</span>}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
      <QuizTakers village={village} planId={planId} date={date} data={data} />
    </section>
  );
}

/** 知识测试对象 of the village (not all of them are interviewees): hand the phone over, or see where each stands. */
function QuizTakers({ village, planId, date, data }: { village: FieldVillage; planId: string; date: string; data: DayData }) {
  const takers = data.day.packet.villages.find((v) => v.villageCode === village.villageCode)?.quiz ?? [];
  if (!takers.length) return null;
  const untested = takers.filter((t) => !data.quizzes.some((q) => q.cadreNo === t.cadreNo)).length;
  return (
    <div className="quiz-takers" data-testid="quiz-takers" data-untested={untested}>
      <h3>
        知识测试 · 已测 {takers.length - untested}/{takers.length}
      </h3>
      {untested > 0 && !data.day.signedOff && (
        <p className="field-error small" data-testid="quiz-untested">
          还有 {untested} 位干部未测试；本日签字确认后将不能再作答。
        </p>
      )}
      <ul className="field-stops">
        {takers.map((t) => {
          const stored = data.quizzes.find((q) => q.cadreNo === t.cadreNo);
          const state = stored ? (stored.result ? `已评分 ${stored.result.percent}%` : stored.error ? '未被接受' : '已提交，联网后评分') : '未作答';
          return (
            <li key={t.cadreNo} className="field-stop" data-testid="quiz-taker" data-cadre={t.cadreNo} data-state={stored ? (stored.result ? 'graded' : 'queued') : 'todo'}>
              <a href={hrefFor({ name: 'field', planId, date, view: { kind: 'quiz', cadreNo: t.cadreNo } })}>
                <span className="stop-text">
                  <strong>
                    {t.role} {t.cadreNo.slice(-4)}
                  </strong>
                  <span className="small">{t.questions.length} 题 · {stored ? '查看结果' : '交给受访干部作答'}</span>
                </span>
                <span className={`state-pill ${stored ? 'complete' : 'in-progress'}`}>{state}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
