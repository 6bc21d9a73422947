import { useRef, useState } from 'react';
import { LEDGER_NATURES, LEDGER_STATUS_LABELS, type LedgerEventDto, type LedgerEvidenceDto, type LedgerItemDetailDto, type LedgerNature, type SessionUserDto } from '@lookback/contracts';
import { ConfirmPanel } from '../components/ConfirmPanel.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { formatBytes, formatDateTime, leadIn } from '../format.js';
import { hrefFor } from '../router.js';
import { ledgerApi, type LedgerItemEdit, type LedgerTransition } from './ledger-api.js';
import { deadlineText, PROBLEM_TYPE_OPTIONS, StatusBadge } from './ledger-view.js';
import './ledger.css';

export function LedgerItemPage({ id, user }: { id: string; user: SessionUserDto }) {
  const [loaded, retry] = useAsync((signal) => ledgerApi.item(id, signal), [id]);
  return (
    <section className="page ledger-page" data-testid="page-ledger-item">
      <nav className="breadcrumb">
        <a href={hrefFor({ name: 'ledger', status: null, town: null, overdue: false, plan: null })}>整改台账</a> / 整改事项
      </nav>
      <Async state={loaded} retry={retry}>
        {(data) => <ItemView key={data.updatedAt} initial={data} user={user} />}
      </Async>
    </section>
  );
}

const EVENT_LABELS: Record<LedgerEventDto['kind'], string> = {
  created: '创建',
  edited: '修改',
  issued: '下发',
  transition: '状态变更',
  evidence: '上传佐证',
  'evidence-removed': '删除佐证',
  'due-soon': '即将到期提醒',
  overdue: '逾期提醒',
};

function ItemView({ initial, user }: { initial: LedgerItemDetailDto; user: SessionUserDto }) {
  const [item, setItem] = useState(initial);
  const [note, setNote] = useState(initial.progressNote);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState<LedgerEvidenceDto | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const can = (a: LedgerItemDetailDto['actions'][number]) => item.actions.includes(a);

  const run = async (work: () => Promise<LedgerItemDetailDto | null>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await work();
      setItem(next ?? (await ledgerApi.item(item.id)));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const transition = (action: LedgerTransition, text?: string) => run(() => ledgerApi.transition(item.id, action, text));
  const upload = (files: FileList | null) =>
    run(async () => {
      for (const file of Array.from(files ?? [])) await ledgerApi.upload(item.id, file);
      if (fileInput.current) fileInput.current.value = '';
      return null;
    });
  const remove = (file: LedgerEvidenceDto) => run(() => ledgerApi.removeEvidence(item.id, file.id)).then(() => setRemoving(null));
  const saveNote = () => run(() => ledgerApi.update(item.id, { progressNote: note }));
  // The note goes with the submission (stored as 整改情况 and written into the history).
  const submit = () => run(() => ledgerApi.transition(item.id, 'submit', note));

  return (
    <div className="ledger-detail">
      <div className="ledger-box">
        <div className="ledger-card-head">
          <h1 className="ledger-seq">
            第 {item.seq} 条 · {item.problemType}
          </h1>
          <StatusBadge item={item} />
          {!item.issued && <span className="badge">未下发</span>}
        </div>
        <dl className="ledger-facts" data-testid="ledger-facts">
          <dt>问题性质</dt>
          <dd>{item.nature}</dd>
          <dt>问题表述</dt>
          <dd data-testid="ledger-description">{item.description}</dd>
          <dt>整改措施</dt>
          <dd>{item.measures || '（未填写）'}</dd>
          <dt>完成时限</dt>
          <dd className={item.overdue ? 'ledger-deadline late' : undefined}>{deadlineText(item.deadline)}</dd>
          <dt>责任单位</dt>
          <dd>{item.responsibleUnit}</dd>
          <dt>责任人</dt>
          <dd>{item.responsiblePerson || '（未填写）'}</dd>
          <dt>地点</dt>
          <dd>{[item.townName, item.villageName].filter(Boolean).join(' · ')}</dd>
          {item.planName && (
            <>
              <dt>督查方案</dt>
              <dd>{item.planName}</dd>
            </>
          )}
          <dt>整改情况</dt>
          <dd>{item.progressNote || '（未填写）'}</dd>
          {item.reviewedBy && (
            <>
              <dt>核验人</dt>
              <dd>
                {item.reviewedBy} {formatDateTime(item.reviewedAt)}
              </dd>
            </>
          )}
          {item.completedOn && (
            <>
              <dt>销号日期</dt>
              <dd>{item.completedOn}</dd>
            </>
          )}
        </dl>
        {can('edit') && (
          <button type="button" className="link-button" onClick={() => setEditing((e) => !e)} data-testid="ledger-edit-toggle">
            {editing ? '取消修改' : '修改事项'}
          </button>
        )}
        {editing && <EditForm item={item} onSaved={(next) => (setItem(next), setEditing(false))} />}
      </div>

      <div className="ledger-box">
        <h2>整改佐证（{item.evidenceFiles.length}）</h2>
        {item.evidenceFiles.length > 0 ? (
          <ul className="ledger-evidence" data-testid="ledger-evidence">
            {item.evidenceFiles.map((f) => (
              <li key={f.id}>
                <a href={ledgerApi.evidenceUrl(item.id, f.id)} target="_blank" rel="noreferrer">
                  {f.contentType.startsWith('image/') ? <img src={ledgerApi.evidenceUrl(item.id, f.id)} alt={f.fileName} loading="lazy" /> : `📄 ${f.fileName}`}
                </a>
                <div className="small muted">
                  {f.uploadedBy} · {formatBytes(f.bytes)}
                </div>
                {f.removable && (
                  <button type="button" className="link-button small" disabled={busy} onClick={() => setRemoving(f)} data-testid="ledger-evidence-remove">
                    删除
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">还没有上传整改照片或材料。</p>
        )}
        {removing && (
          <ConfirmPanel title="删除佐证材料" confirmLabel="删除" busy={busy} onConfirm={() => void remove(removing)} onCancel={() => setRemoving(null)}>
            <p>
              删除“{removing.fileName}”？这份材料还没有随整改提交核验，删除后不能恢复，删除会记入处理记录。
            </p>
          </ConfirmPanel>
        )}
        {can('upload') && (
          <label className="button secondary">
            拍照或选择文件上传
            <input
              ref={fileInput}
              type="file"
              hidden
              multiple
              accept="image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx"
              onChange={(e) => void upload(e.target.files)}
              data-testid="ledger-upload"
            />
          </label>
        )}
      </div>

      {(can('note') || can('submit') || can('start')) && (
        <div className="ledger-box">
          <h2>整改情况</h2>
          <textarea rows={4} value={note} onChange={(e) => setNote(e.target.value)} placeholder="写明采取了哪些措施、整改到什么程度" data-testid="ledger-note" disabled={!can('note')} />
          <div className="ledger-actions">
            {can('start') && (
              <button type="button" className="button" disabled={busy} onClick={() => void transition('start')} data-testid="ledger-start">
                开始整改
              </button>
            )}
            {can('note') && (
              <button type="button" className="button secondary" disabled={busy || note === item.progressNote} onClick={() => void saveNote()} data-testid="ledger-save-note">
                保存整改情况
              </button>
            )}
            {can('submit') && (
              <button type="button" className="button" disabled={busy} onClick={() => void submit()} data-testid="ledger-submit">
                提交核验
              </button>
            )}
          </div>
          {can('submit') && item.evidence === 0 && <p className="small muted">提交核验前须至少上传一张整改照片或一份材料，并填写整改情况。</p>}
        </div>
      )}

      {(can('close') || can('send-back') || can('issue')) && (
        <div className="ledger-box">
          <h2>督查组操作</h2>
          {can('issue') && (
            <button type="button" className="button" disabled={busy} onClick={() => void run(async () => (await ledgerApi.issue([item.id]), null))} data-testid="ledger-issue">
              下发给责任单位
            </button>
          )}
          {item.status === 'awaiting-review' && !can('close') && user.role === 'planner' && <p className="notice">您提交了这条整改，须由其他督查组成员核验销号。</p>}
          {can('send-back') && <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="退回原因（退回时必填）" data-testid="ledger-reason" />}
          <div className="ledger-actions">
            {can('close') && (
              <button type="button" className="button" disabled={busy} onClick={() => void transition('close')} data-testid="ledger-close">
                核验通过，销号
              </button>
            )}
            {can('send-back') && (
              <button type="button" className="button secondary" disabled={busy} onClick={() => void transition('send-back', reason)} data-testid="ledger-send-back">
                退回重新整改
              </button>
            )}
          </div>
        </div>
      )}
      {error && <ErrorBox message={error} />}

      {item.findingList.length > 0 && (
        <div className="ledger-box">
          <h2>对应的发现问题（{item.findingList.length}）</h2>
          <ul className="plain-list">
            {item.findingList.map((f) => (
              <li key={`${f.stopClientId}:${f.answerItemId}`}>
                <strong>{leadIn(f.check)}</strong>{f.description}（{f.problemType}，{f.severity}）
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="ledger-box">
        <h2>处理记录</h2>
        <ol className="ledger-history" data-testid="ledger-history">
          {item.events.map((e) => (
            <li key={e.id}>
              <time>{formatDateTime(e.at)}</time>
              <strong>{e.actor ?? '系统'}</strong> {EVENT_LABELS[e.kind]}
              {e.fromStatus && e.toStatus ? `：${LEDGER_STATUS_LABELS[e.fromStatus]} → ${LEDGER_STATUS_LABELS[e.toStatus]}` : ''}
              {e.note ? `（${e.note}）` : ''}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function EditForm({ item, onSaved }: { item: LedgerItemDetailDto; onSaved: (next: LedgerItemDetailDto) => void }) {
  const [form, setForm] = useState<Required<Omit<LedgerItemEdit, 'deadline' | 'progressNote'>> & { deadline: string }>({
    problemType: item.problemType,
    nature: item.nature,
    description: item.description,
    measures: item.measures,
    deadline: item.deadline ?? '',
    responsibleUnit: item.responsibleUnit,
    responsiblePerson: item.responsiblePerson,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await ledgerApi.update(item.id, { ...form, deadline: form.deadline || null }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="ledger-form" data-testid="ledger-edit">
      <label className="field">
        <span>问题类型</span>
        <select value={form.problemType} onChange={set('problemType')}>
          {PROBLEM_TYPE_OPTIONS.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>问题性质</span>
        <select value={form.nature} onChange={(e) => setForm((f) => ({ ...f, nature: e.target.value as LedgerNature }))}>
          {LEDGER_NATURES.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      <label className="field wide">
        <span>问题表述</span>
        <textarea rows={3} value={form.description} onChange={set('description')} />
      </label>
      <label className="field wide">
        <span>整改措施</span>
        <textarea rows={2} value={form.measures} onChange={set('measures')} data-testid="ledger-edit-measures" />
      </label>
      <label className="field">
        <span>完成时限（留空为长期坚持）</span>
        <input type="date" value={form.deadline} onChange={set('deadline')} />
      </label>
      <label className="field">
        <span>责任单位</span>
        <input value={form.responsibleUnit} onChange={set('responsibleUnit')} />
      </label>
      <label className="field">
        <span>责任人</span>
        <input value={form.responsiblePerson} onChange={set('responsiblePerson')} />
      </label>
      {error && <ErrorBox message={error} />}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void save()} data-testid="ledger-edit-save">
          保存
        </button>
      </div>
    </div>
  );
}
