/**
 * One stop on the phone: the checklist of its template (是/否/不适用; a problem answer opens a
 * finding with description, type and severity), the household figures, notes, photos, the GPS
 * fix (flagged, never blocking), substitution of an absent household, the cadre's quiz, and
 * "mark complete". Every change is saved to IndexedDB at once (typed text as it is typed) and
 * queued when it is valid; it is applied to the stop's record as stored (store.saveStopEdit), so two
 * tabs on one stop share one record, and each tab re-reads the stop when another changed it.
 */
import {
  ANSWER_LABELS,
  ANSWER_VALUES,
  type AnswerValue,
  type ChecklistItem,
  describeSubstitution,
  type HouseholdFigures,
  type ItemAnswer,
  nextReserve,
  POSITION_FLAG_LABELS,
  positionFlags,
  PROBLEM_TYPES,
  type ProblemType,
  SEVERITIES,
  type Severity,
  STOP_STATUS_LABELS,
  type StopRecord,
  stratumOfHousehold,
  type Substitution,
  UNVISITED_STATUSES,
  type UnvisitedStatus,
  validateStopRecord,
  validateSubstitution,
} from '@lookback/fieldwork';
import { STRATUM_LABELS } from '@lookback/sampling';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { hrefFor } from '../router.js';
import { type FieldStop, STOP_KIND_NAMES, STOP_STATE_LABELS, templateFor } from './day-state.js';
import { FIGURE_FIELDS, type FigureField, parseFigureNumber } from './figures.js';
import { formatTime } from './hooks.js';
import { PhotoProblem, preparePhoto } from './photo.js';
import { answerItem, completeProblemText, editItemNote, editProblem, newRecord, setFigure, setNotes, setPosition, setStatus } from './record-edit.js';
import type { FieldRuntime } from './runtime.js';
import { type DayData, deletePhoto, findStopRecord, onDayChangedElsewhere, photoBytes, savePhoto, saveStopEdit, saveSubstitution, type StopEdit } from './store.js';

const nowIso = () => new Date().toISOString();

type StopEditorProps = { runtime: FieldRuntime; data: DayData; stop: FieldStop; reload: () => Promise<void> };

/** One editor per stop: going to another stop starts afresh (and flushes what was typed into the one left). */
export function StopEditor(props: StopEditorProps) {
  return <StopEditorOf key={`${props.stop.villageCode}/${props.stop.stopKind}/${props.stop.stopCode}`} {...props} />;
}

function StopEditorOf({ runtime, data, stop, reload }: StopEditorProps) {
  const packet = data.day.packet;
  const { planId, date, dayKey } = data.day;
  const readOnly = data.day.signedOff;
  const village = packet.villages.find((v) => v.villageCode === stop.villageCode);
  const [record, setRecord] = useState<StopRecord | null>(stop.record);
  const latest = useRef<StopRecord | null>(stop.record);
  /** Changes made in this tab; a save shows its result only if no later change was made meanwhile. */
  const changes = useRef(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [completeProblems, setCompleteProblems] = useState<string[]>([]);
  // Where a kind has more than one checklist (村级: 方城 附件2 or 襄城 72 项), the inspector picks one before the first answer.
  const candidates = packet.templates.filter((t) => t.kind === stop.stopKind);
  const [chosenTemplate, setChosenTemplate] = useState<string | null>(null);
  const template = record ? templateFor(packet.templates, stop.stopKind, record) : (candidates.find((t) => t.id === chosenTemplate) ?? templateFor(packet.templates, stop.stopKind, null));

  // Another tab changed this day: show the stop as stored (unless a save of this tab is on its way; it brings the stored record back).
  useEffect(
    () =>
      onDayChangedElsewhere(runtime.db, dayKey, () => {
        const asked = changes.current;
        void findStopRecord(runtime.db, dayKey, stop, latest.current?.clientId ?? null).then((stored) => {
          if (stored && asked === changes.current) {
            latest.current = stored;
            setRecord(stored);
          }
          return reload();
        });
      }),
    [runtime.db, dayKey, stop, reload],
  );

  if (!template) return <p className="field-error">工作包中没有“{STOP_KIND_NAMES[stop.stopKind]}”的排查表，请重新下载工作包</p>;

  const create = (): StopRecord => newRecord({ planId, villageCode: stop.villageCode, stopKind: stop.stopKind, stopCode: stop.stopCode, template, deviceId: runtime.deviceId, now: nowIso() });
  const editOf = (edit: (r: StopRecord) => StopRecord): StopEdit => ({ stop, clientId: latest.current?.clientId ?? null, create, edit, template });

  /**
   * Shows a change at once, then saves it: the store applies it to the record as stored (fast taps
   * and other tabs never overwrite each other) and this tab then shows what was saved.
   */
  const change = (edit: (r: StopRecord) => StopRecord): Promise<StopRecord> => {
    const request = editOf(edit);
    // A record of revision 0 is a new one nothing was written to (a refused 标记完成 on a stop not begun): not shown as begun.
    const show = (r: StopRecord) => {
      latest.current = r.revision > 0 ? r : null;
      setRecord(latest.current);
    };
    show(edit(latest.current ?? create()));
    setCompleteProblems([]);
    const mine = ++changes.current;
    return saveStopEdit(runtime.db, runtime.outbox, dayKey, request).then(async (stored) => {
      if (mine === changes.current) show(stored);
      await reload();
      return stored;
    });
  };

  const problems = record ? validateStopRecord(record, template) : [];
  const substitution = data.substitutions.find((s) => s.sub.villageCode === stop.villageCode && s.sub.absentHouseholdNo === stop.stopCode)?.sub ?? null;
  const answers = new Map((record?.answers ?? []).map((a) => [a.itemId, a]));
  const answered = template.items.filter((i) => answers.has(i.id)).length;
  const photos = record ? data.photos.filter((p) => p.stopClientId === record.clientId) : [];
  const disabled = readOnly || substitution !== null;
  const dev = runtime.deviceId;

  /** Marks the stored record complete only if, as stored, it may be (another tab may have changed it). */
  const completed = (r: StopRecord) => setStatus(r, 'complete', dev, nowIso());
  const complete = async () => {
    const saved = await change((r) => (validateStopRecord(completed(r), template).length ? r : completed(r)));
    if (saved.status === 'complete') setNotice('本站已标记完成');
    else setCompleteProblems(validateStopRecord(completed(saved), template));
  };

  return (
    <DraftPlace.Provider value={`lookback-draft|${runtime.db.name}|${dayKey}|${stop.villageCode}|${stop.stopKind}|${stop.stopCode}|`}>
      <article className="stop-editor" data-testid="stop-editor" data-kind={stop.stopKind} data-code={stop.stopCode} data-state={record?.status ?? 'new'}>
        <header>
          <p className="small muted">
            {STOP_KIND_NAMES[stop.stopKind]} · {village?.draw.villageName ?? stop.villageCode}
          </p>
          <h1 data-testid="stop-title">{stop.label}</h1>
          <p className="small">
            {stop.detail} · <code>{stop.stopCode}</code> ·{' '}
            <span className={`state-pill ${stop.state}`} data-testid="stop-state">
              {record?.status === 'complete' ? STOP_STATE_LABELS.complete : substitution ? STOP_STATE_LABELS.substituted : record ? STOP_STATUS_LABELS[record.status] : STOP_STATE_LABELS.todo}
            </span>
          </p>
          {stop.replacementFor && <p className="small badge">替补户：替换未能入户的 {stop.replacementFor}</p>}
          {!record && candidates.length > 1 && !disabled ? (
            <label className="field-label small">
              排查表
              <select data-testid="template-choice" value={template.id} onChange={(e) => setChosenTemplate(e.target.value)}>
                {candidates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title}（{t.items.length} 项）
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="small muted">
              排查表：{template.title}（第 {template.version} 版）· 已答 {answered}/{template.items.length}
            </p>
          )}
        </header>

        {readOnly && <p className="signed-banner">本日已签字确认，只能查看。</p>}
        {substitution && (
          <p className="substituted" data-testid="substitution-done">
            {describeSubstitution(substitution)}。
            <a href={hrefFor({ name: 'field', planId, date, view: { kind: 'stop', stopKind: 'household', stopCode: substitution.replacementHouseholdNo } })} data-testid="open-replacement">
              去替补户 →
            </a>
          </p>
        )}

        {record?.conflicts && record.conflicts.length > 0 && (
          <div className="field-problems" data-testid="record-conflicts">
            <strong>另一台手机对本站填写了不同的内容（两种都已保留，由督查组长裁定）：</strong>
            <ul>
              {record.conflicts.map((c, i) => (
                <li key={i}>
                  {c.itemId.startsWith('$') ? c.itemId.slice(1) : `第 ${template.items.find((it) => it.id === c.itemId)?.order ?? c.itemId} 项`}：采用 {conflictValue(c.kept)}（{c.keptDevice.slice(0, 12)}），另一答案 {conflictValue(c.other)}（{c.fromDevice.slice(0, 12)}）
                </li>
              ))}
            </ul>
          </div>
        )}

        {stop.stopKind === 'household' && !substitution && !readOnly && record?.status !== 'complete' && village && (
          <SubstitutePanel
            runtime={runtime}
            data={data}
            stop={stop}
            absentEdit={(reason, at) => editOf((r) => setStatus(r, reason, dev, at))}
            onDone={(sub, absent) => {
              changes.current++;
              latest.current = absent;
              setRecord(absent);
              setNotice(`${describeSubstitution(sub)}，替补户已加入路线`);
              void reload();
            }}
          />
        )}

        <ol className="checklist">
          {template.items.map((item) => (
            <ItemRow
              key={item.id}
              item={item}
              answer={answers.get(item.id)}
              disabled={disabled}
              withNote={stop.stopKind === 'interview'}
              onAnswer={(value) => void change((r) => answerItem(r, item, value, dev, nowIso()))}
              onProblem={(patch) => void change((r) => editProblem(r, item.id, patch, dev, nowIso()))}
              onNote={(note) => void change((r) => editItemNote(r, item.id, note, dev, nowIso()))}
            />
          ))}
        </ol>

        {stop.stopKind === 'household' && <Figures figures={record?.figures} disabled={disabled} onChange={(key, value) => void change((r) => setFigure(r, key, value, dev, nowIso()))} />}

        <label className="field-label">
          {stop.stopKind === 'interview' ? '访谈记录' : '备注'}
          <CommitText testId="stop-notes" draft="notes" value={record?.notes ?? ''} disabled={disabled} rows={3} onCommit={(v) => void change((r) => setNotes(r, v, dev, nowIso()))} />
        </label>

        <PositionBlock record={record} stop={stop} expected={stop.stopKind === 'household' ? (village?.expectedPositions[stop.stopCode] ?? null) : null} disabled={disabled} onFix={(p) => change((r) => setPosition(r, p, dev, nowIso())).then(() => undefined)} />

        <Photos
          runtime={runtime}
          photos={photos}
          disabled={disabled}
          addPhoto={async (file) => {
            // The stop's record as stored (begun now if it has none): the photo belongs to it.
            const owner = await change((r) => (r.revision > 0 ? r : setStatus(r, r.status, dev, nowIso())));
            const position = owner.position ? { lat: owner.position.lat, lng: owner.position.lng, accuracy: owner.position.accuracy } : undefined;
            const prepared = await preparePhoto(file, owner.clientId, { position });
            await savePhoto(runtime.db, runtime.outbox, dayKey, prepared);
            await reload();
          }}
          removePhoto={async (clientId) => {
            const outcome = await deletePhoto(runtime.db, runtime.outbox, clientId);
            await reload();
            return outcome;
          }}
        />

        {stop.stopKind === 'interview' && <QuizLink data={data} cadreNo={stop.stopCode} villageCode={stop.villageCode} />}

        {record && problems.length > 0 && (
          <div className="field-problems" data-testid="record-problems" role="status">
            <strong>已存本机；以下未填完整的内容补充后才上传（其余内容照常上传）：</strong>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {completeProblems.length > 0 && (
          <div className="field-problems" data-testid="complete-problems" role="alert">
            <strong>还不能标记完成：</strong>
            <ul>
              {completeProblems.map((p) => (
                <li key={p}>{completeProblemText(p)}</li>
              ))}
            </ul>
          </div>
        )}
        {notice && (
          <p className="field-notice" data-testid="stop-notice" role="status">
            {notice}
          </p>
        )}
        {!disabled && record?.status !== 'complete' && (
          <button type="button" className="button primary big block" data-testid="mark-complete" onClick={() => void complete()}>
            标记本站完成 ✓
          </button>
        )}
        <p>
          <a className="button secondary big block" href={hrefFor({ name: 'field', planId, date, view: { kind: 'day' } })}>
            返回走访列表
          </a>
        </p>
      </article>
    </DraftPlace.Provider>
  );
}

function conflictValue(v: unknown): string {
  if (v && typeof v === 'object' && 'value' in v) {
    const a = v as ItemAnswer;
    return `“${ANSWER_LABELS[a.value] ?? a.value}${a.problem ? `：${a.problem.description}` : ''}”`;
  }
  if (v && typeof v === 'object' && 'lat' in v) return '另一定位';
  return `“${v === null || v === undefined ? '空' : String(v)}”`;
}

function ItemRow({
  item,
  answer,
  disabled,
  withNote,
  onAnswer,
  onProblem,
  onNote,
}: {
  item: ChecklistItem;
  answer: ItemAnswer | undefined;
  disabled: boolean;
  withNote: boolean;
  onAnswer: (value: AnswerValue) => void;
  onProblem: (patch: { description?: string; problemType?: ProblemType; severity?: Severity }) => void;
  onNote: (note: string) => void;
}) {
  const isProblem = answer?.value === item.problemWhen;
  return (
    <li className={isProblem ? 'check-item problem' : 'check-item'} data-testid="check-item" data-item={item.id} data-answer={answer?.value ?? ''}>
      <p className="check-text">
        <span className="check-no">{item.order}</span>
        {item.subArea && <span className="small muted">{item.subArea} · </span>}
        {item.text}
      </p>
      {item.guidance && <p className="small muted">{item.guidance}</p>}
      <div className="answer-buttons" role="group" aria-label={`第 ${item.order} 项`}>
        {ANSWER_VALUES.map((value) => (
          <button
            key={value}
            type="button"
            className={answer?.value === value ? 'answer selected' : 'answer'}
            aria-pressed={answer?.value === value}
            data-value={value}
            data-finding={value === item.problemWhen}
            disabled={disabled}
            onClick={() => onAnswer(value)}
          >
            {ANSWER_LABELS[value]}
          </button>
        ))}
      </div>
      {isProblem && (
        <div className="finding" data-testid="finding">
          <label className="field-label">
            问题描述
            <CommitText testId="problem-description" draft={`problem:${item.id}`} value={answer?.problem?.description ?? ''} disabled={disabled} rows={2} onCommit={(description) => onProblem({ description })} />
          </label>
          <label className="field-label">
            问题类型
            <select data-testid="problem-type" value={answer?.problem?.problemType ?? item.defaultProblemType} disabled={disabled} onChange={(e) => onProblem({ problemType: e.target.value as ProblemType })}>
              {PROBLEM_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <div className="field-label">
            严重程度
            <div className="answer-buttons" role="group" aria-label="严重程度">
              {SEVERITIES.map((s) => (
                <button key={s} type="button" className={answer?.problem?.severity === s ? 'answer selected' : 'answer'} aria-pressed={answer?.problem?.severity === s} data-testid="severity" data-value={s} disabled={disabled} onClick={() => onProblem({ severity: s })}>
                  {s}
                </button>
              ))}
            </div>
          </div>
        </div>
      )}
      {withNote && (
        <label className="field-label small">
          记录
          <CommitText testId="item-note" draft={`note:${item.id}`} value={answer?.note ?? ''} disabled={disabled} rows={2} onCommit={onNote} />
        </label>
      )}
    </li>
  );
}

/** How long after the last key typed text is saved. */
const TYPING_SAVE_MS = 400;

/** Where a stop's text fields keep what the page could not save before it went away (localStorage key prefix). */
const DraftPlace = createContext('lookback-draft|');

/**
 * Text as the inspector types it: saved TYPING_SAVE_MS after the last key, and at once when the
 * field is left, the page is hidden or closed (pagehide, visibilitychange) or the field goes away,
 * so a reload or a closed tab never loses what was typed. A new value from outside (a save, another
 * tab) is shown unless there is typed text not yet saved.
 *
 * A save started by pagehide may not finish (the page is gone before IndexedDB answers), so the
 * unsaved text is also written to localStorage, which is synchronous, with the value it replaced;
 * the field saves it when it is shown again, unless the field has changed since (the save did
 * finish, or another tab wrote something newer).
 */
function useTypedText(value: string, save: (text: string) => void, draft: string): { text: string; type: (text: string) => void; flush: () => void } {
  const draftKey = useContext(DraftPlace) + draft;
  const [text, setText] = useState(value);
  const unsaved = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  const valueRef = useRef(value);
  useEffect(() => {
    saveRef.current = save;
    valueRef.current = value;
  });
  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const typed = unsaved.current;
    unsaved.current = null;
    if (typed !== null && typed !== valueRef.current) saveRef.current(typed);
  }, []);
  useEffect(() => {
    if (unsaved.current === null) setText(value);
  }, [value]);
  useEffect(() => {
    const left = readDraft(draftKey);
    if (left) {
      localStorage.removeItem(draftKey);
      if (left.base === valueRef.current && left.text !== valueRef.current) {
        setText(left.text);
        unsaved.current = left.text;
        flush();
      }
    }
    const whenHidden = () => document.visibilityState === 'hidden' && flush();
    const onPageHide = () => {
      if (unsaved.current !== null) writeDraft(draftKey, { base: valueRef.current, text: unsaved.current });
      flush();
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', whenHidden);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', whenHidden);
      flush();
    };
  }, [flush, draftKey]);
  const type = (typed: string) => {
    setText(typed);
    unsaved.current = typed;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, TYPING_SAVE_MS);
  };
  return { text, type, flush };
}

function readDraft(key: string): { base: string; text: string } | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { base: string; text: string }) : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, draft: { base: string; text: string }): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the IndexedDB save started at the same time is all there is.
  }
}

/** A text field saved as it is typed (see useTypedText); `draft` names it within the stop. */
function CommitText({ value, onCommit, disabled, rows, testId, draft }: { value: string; onCommit: (v: string) => void; disabled: boolean; rows: number; testId: string; draft: string }) {
  const { text, type, flush } = useTypedText(value, onCommit, draft);
  return <textarea data-testid={testId} value={text} rows={rows} disabled={disabled} onChange={(e) => type(e.target.value)} onBlur={flush} />;
}

function Figures({ figures, disabled, onChange }: { figures: HouseholdFigures | undefined; disabled: boolean; onChange: <K extends keyof HouseholdFigures>(key: K, value: HouseholdFigures[K]) => void }) {
  const row = (f: FigureField) => <FigureRow key={f.key} field={f} value={figures?.[f.key] ?? null} disabled={disabled} onChange={(v) => onChange(f.key, v as never)} />;
  return (
    <section className="figures" data-testid="figures">
      <h2>户情数据（萧县台账）</h2>
      {FIGURE_FIELDS.filter((f) => f.core).map(row)}
      <details>
        <summary>更多（方城附件1 第1项：人口、收入、支出）</summary>
        {FIGURE_FIELDS.filter((f) => !f.core).map(row)}
      </details>
    </section>
  );
}

function FigureRow({ field, value, disabled, onChange }: { field: FigureField; value: number | boolean | string | null; disabled: boolean; onChange: (v: number | boolean | string | null) => void }) {
  const [error, setError] = useState<string | null>(null);
  // Saved as typed, like the text fields; a number that does not parse is kept in the field with the message, not saved.
  const { text, type, flush } = useTypedText(value === null || typeof value === 'boolean' ? '' : String(value), (typed) => {
    if (field.kind === 'string') return onChange(typed.trim() || null);
    const n = parseFigureNumber(typed);
    if (Number.isNaN(n)) return setError(`“${typed}”不是数字，请只填写数字（如 8500）`);
    setError(null);
    if (n !== value) onChange(n);
  }, `figure:${field.key}`);
  if (field.kind === 'boolean') {
    const options: [boolean | null, string][] = [
      [true, '是'],
      [false, '否'],
      [null, '未了解'],
    ];
    return (
      <div className="figure" data-testid="figure" data-key={field.key}>
        <span>{field.label}</span>
        <div className="answer-buttons">
          {options.map(([v, label]) => (
            <button key={label} type="button" className={value === v ? 'answer selected' : 'answer'} aria-pressed={value === v} data-value={String(v)} disabled={disabled} onClick={() => onChange(v)}>
              {label}
            </button>
          ))}
        </div>
      </div>
    );
  }
  return (
    <label className="figure" data-testid="figure" data-key={field.key}>
      <span>
        {field.label}
        {field.unit && <span className="small muted">（{field.unit}）</span>}
      </span>
      <input inputMode={field.kind === 'number' ? 'decimal' : 'text'} value={text} disabled={disabled} onChange={(e) => type(e.target.value)} onBlur={flush} />
      {error && <span className="field-error small">{error}</span>}
    </label>
  );
}

function PositionBlock({
  record,
  stop,
  expected,
  disabled,
  onFix,
}: {
  record: StopRecord | null;
  stop: FieldStop;
  expected: { lat: number; lng: number } | null;
  disabled: boolean;
  onFix: (p: { lat: number; lng: number; accuracy: number; at: string }) => Promise<void>;
}) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const position = record?.position;
  const flags = position ? positionFlags(position, expected).filter((f) => stop.stopKind === 'household' || f !== 'no-expected') : [];
  const locate = () => {
    if (!('geolocation' in navigator)) return setState({ busy: false, error: '此浏览器不能定位，可不填定位继续记录' });
    setState({ busy: true, error: null });
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setState({ busy: false, error: null });
        void onFix({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy, at: new Date(p.timestamp || Date.now()).toISOString() });
      },
      (e) => setState({ busy: false, error: e.code === e.PERMISSION_DENIED ? '未允许定位：可在浏览器设置中允许，或不填定位继续记录' : '暂时无法定位（信号弱），可稍后再试，不影响记录' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };
  return (
    <section className="position" data-testid="position">
      <h2>定位</h2>
      {position ? (
        <p className="small" data-testid="position-value">
          {position.lat.toFixed(5)}, {position.lng.toFixed(5)} · 精度约 ±{Math.round(position.accuracy)} 米 · {formatTime(position.at)}
        </p>
      ) : (
        <p className="small muted">尚未记录定位</p>
      )}
      {flags.length > 0 && (
        <p className="position-flags small" data-testid="position-flags" data-flags={flags.join(' ')}>
          ⚠ {flags.map((f) => POSITION_FLAG_LABELS[f]).join('；')}（仅提示，不影响提交）
        </p>
      )}
      {state.error && <p className="field-error small">{state.error}</p>}
      <button type="button" className="button secondary big" data-testid="record-position" disabled={disabled || state.busy} onClick={locate}>
        {state.busy ? '正在定位…' : position ? '重新定位' : '记录当前位置'}
      </button>
    </section>
  );
}

function Photos({
  runtime,
  photos,
  disabled,
  addPhoto,
  removePhoto,
}: {
  runtime: FieldRuntime;
  photos: DayData['photos'];
  disabled: boolean;
  addPhoto: (file: File) => Promise<void>;
  removePhoto: (clientId: string) => Promise<'deleted' | 'uploaded'>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of Array.from(files)) await addPhoto(file);
    } catch (e) {
      setError(e instanceof PhotoProblem ? e.message : `照片保存失败：${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="photos" data-testid="photos" data-count={photos.length}>
      <h2>佐证照片（{photos.length}）</h2>
      <div className="photo-grid">
        {photos.map((p) => (
          <PhotoThumb
            key={p.clientId}
            runtime={runtime}
            clientId={p.clientId}
            synced={p.synced}
            size={`${p.meta.width}×${p.meta.height}`}
            onDelete={
              disabled || p.synced
                ? null
                : async () => {
                    // Only a photo not yet uploaded: the server's copy is evidence and stays.
                    if (!window.confirm('删除这张尚未上传的照片？删除后不能恢复。')) return;
                    setError(null);
                    if ((await removePhoto(p.clientId)) === 'uploaded') setError('这张照片刚刚已上传，作为佐证保留在服务器上，不能在手机上删除');
                  }
            }
          />
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="photo-error">
          {error}
        </p>
      )}
      {!disabled && (
        <label className="button secondary big photo-button">
          {busy ? '正在处理照片…' : '拍照 / 选择照片'}
          <input type="file" accept="image/*" capture="environment" multiple data-testid="photo-input" disabled={busy} onChange={(e) => void onFiles(e.target.files).then(() => (e.target.value = ''))} />
        </label>
      )}
    </section>
  );
}

function PhotoThumb({ runtime, clientId, synced, size, onDelete }: { runtime: FieldRuntime; clientId: string; synced: boolean; size: string; onDelete: (() => Promise<void>) | null }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    void photoBytes(runtime.db, clientId).then((p) => {
      if (!p) return;
      made = URL.createObjectURL(new Blob([p.bytes], { type: p.contentType }));
      setUrl(made);
    });
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [runtime, clientId]);
  return (
    <figure className="photo-thumb" data-testid="photo-thumb" data-synced={synced}>
      {url ? <img src={url} alt="佐证照片" /> : <span className="small muted">…</span>}
      <figcaption className="small muted">
        {size} · {synced ? '已上传' : '待上传'}
      </figcaption>
      {onDelete && (
        <button type="button" className="link-button small" data-testid="photo-delete" onClick={() => void onDelete()}>
          删除
        </button>
      )}
    </figure>
  );
}

function SubstitutePanel({
  runtime,
  data,
  stop,
  absentEdit,
  onDone,
}: {
  runtime: FieldRuntime;
  data: DayData;
  stop: FieldStop;
  absentEdit: (reason: UnvisitedStatus, at: string) => StopEdit;
  onDone: (sub: Substitution, absent: StopRecord) => void;
}) {
  const [reason, setReason] = useState<UnvisitedStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const village = data.day.packet.villages.find((v) => v.villageCode === stop.villageCode)!;
  const subs = data.substitutions.map((s) => s.sub);
  const stratum = stratumOfHousehold(village.draw, stop.stopCode);
  const taken = subs.filter((s) => s.villageCode === stop.villageCode).map((s) => s.replacementHouseholdNo);
  const reserve = stratum ? nextReserve(village.draw, stratum, taken) : null;
  const confirm = async () => {
    if (!reason || !stratum) return;
    if (!reserve) return setError(`“${STRATUM_LABELS[stratum]}”层的替补户已用完，不能替换：请联系督查组长`);
    const at = new Date().toISOString();
    const sub: Substitution = {
      clientId: crypto.randomUUID(),
      planId: data.day.planId,
      villageCode: stop.villageCode,
      absentHouseholdNo: stop.stopCode,
      reason,
      replacementHouseholdNo: reserve.householdNo,
      stratum,
      at,
      deviceId: runtime.deviceId,
    };
    const problems = validateSubstitution(sub, village.draw, subs);
    if (problems.length) return setError(problems.join('；'));
    const absent = await saveSubstitution(runtime.db, runtime.outbox, data.day.dayKey, absentEdit(reason, at), sub);
    onDone(sub, absent);
  };
  if (!stratum) return null;
  return (
    <section className="substitute" data-testid="substitute">
      <h2>无法入户？</h2>
      <div className="answer-buttons" role="group" aria-label="无法入户的原因">
        {UNVISITED_STATUSES.map((s) => (
          <button key={s} type="button" className={reason === s ? 'answer selected' : 'answer'} aria-pressed={reason === s} data-testid="absent-reason" data-value={s} onClick={() => setReason(s)}>
            {STOP_STATUS_LABELS[s]}
          </button>
        ))}
      </div>
      {reason && (
        <div className="substitute-confirm">
          {reserve ? (
            <p className="small" data-testid="next-reserve" data-household={reserve.householdNo}>
              将按抽样顺序由“{STRATUM_LABELS[stratum]}”层的下一个替补户 <code>{reserve.householdNo}</code> 替换，并加入今天的路线。
            </p>
          ) : (
            <p className="field-error small">“{STRATUM_LABELS[stratum]}”层的替补户已用完，不能替换：请联系督查组长。</p>
          )}
          {reserve && (
            <button type="button" className="button primary big block" data-testid="confirm-substitution" onClick={() => void confirm()}>
              确认{STOP_STATUS_LABELS[reason]}，启用替补户
            </button>
          )}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </section>
  );
}

function QuizLink({ data, cadreNo, villageCode }: { data: DayData; cadreNo: string; villageCode: string }) {
  const set = data.day.packet.villages.find((v) => v.villageCode === villageCode)?.quiz.find((q) => q.cadreNo === cadreNo);
  if (!set) return <p className="small muted">这位干部不在知识测试名单中。</p>;
  const stored = data.quizzes.find((q) => q.cadreNo === cadreNo);
  return (
    <section className="quiz-link" data-testid="quiz-link">
      <h2>知识测试（{set.questions.length} 题）</h2>
      {stored ? (
        <p data-testid="quiz-status">
          {stored.result ? `已评分：${stored.result.percent}%（满分 ${stored.result.maxScore} 分）` : stored.error ? `提交未被接受：${stored.error}` : '已提交，联网后评分'}
        </p>
      ) : (
        <a className="button primary big block" data-testid="start-quiz" href={hrefFor({ name: 'field', planId: data.day.planId, date: data.day.date, view: { kind: 'quiz', cadreNo } })}>
          交给受访干部作答
        </a>
      )}
    </section>
  );
}
