/**
 * 排查表模板: the checklists inspectors fill in, as data. Planners read them; admins download a
 * template as xlsx, edit it in Excel or WPS and upload it back as the next version. A sheet with
 * any problem is refused whole and the problems are listed by row and column.
 */
import { useState } from 'react';
import type { ImportProblem, SessionUserDto } from '@lookback/contracts';
import { api, type ChecklistTemplateDto } from '../api.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { ApiError, describeError } from '../errors.js';

const KIND_LABELS: Record<string, string> = {
  household: '入户调查',
  village: '村级排查',
  project: '项目核查',
  asset: '资产核查',
  documents: '查阅资料',
  interview: '干部访谈',
};

export function ChecklistTemplatesPage({ user }: { user: SessionUserDto }) {
  const [state, retry] = useAsync((signal) => api.checklistTemplates(signal), []);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="page" data-testid="page-checklists">
      <h1>排查表模板</h1>
      <p className="hint">
        督查员在手机上按这些排查表逐项填写（是 / 否 / 不适用；发现问题时填写问题描述、类型和严重程度）。每次修改保存为新版本，已填写的记录仍按当时的版本核对。
      </p>
      <Async state={state} retry={retry}>
        {({ current, versions }) => (
          <table className="table" data-testid="checklist-list">
            <thead>
              <tr>
                <th>排查表</th>
                <th>类型</th>
                <th>版本</th>
                <th>项目数</th>
                <th>出处</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {current.map((t) => (
                <TemplateRows
                  key={t.id}
                  template={t}
                  history={versions.filter((v) => v.id === t.id)}
                  open={open === t.id}
                  onToggle={() => setOpen(open === t.id ? null : t.id)}
                  mayEdit={user.role === 'admin'}
                  onSaved={retry}
                />
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </section>
  );
}

function TemplateRows(props: {
  template: ChecklistTemplateDto;
  history: { version: number; createdAt: string; createdBy: string | null }[];
  open: boolean;
  onToggle: () => void;
  mayEdit: boolean;
  onSaved: () => void;
}) {
  const { template: t } = props;
  return (
    <>
      <tr data-testid={`checklist-${t.id}`}>
        <td>
          <button type="button" className="link" onClick={props.onToggle} aria-expanded={props.open}>
            {t.title}
          </button>
        </td>
        <td>{KIND_LABELS[t.kind] ?? t.kind}</td>
        <td data-testid="checklist-version">第 {t.version} 版</td>
        <td>{t.items.length}</td>
        <td className="muted">
          {t.source.document} {t.source.section}
        </td>
        <td>
          <a className="button" href={`/api/checklist-templates/${encodeURIComponent(t.id)}/xlsx`} download>
            下载 Excel
          </a>
        </td>
      </tr>
      {props.open && (
        <tr>
          <td colSpan={6}>
            {props.mayEdit && <UploadVersion id={t.id} next={t.version + 1} onSaved={props.onSaved} />}
            <p className="muted">
              版本记录：
              {props.history.map((h) => `第 ${h.version} 版（${h.createdBy ?? '系统内置'}，${h.createdAt.slice(0, 10)}）`).join('；')}
            </p>
            <table className="table compact" data-testid="checklist-items">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>分项</th>
                  <th>排查内容</th>
                  <th>问题答案</th>
                  <th>问题类型</th>
                </tr>
              </thead>
              <tbody>
                {[...t.items]
                  .sort((a, b) => a.order - b.order)
                  .map((item) => (
                    <tr key={item.id}>
                      <td>{item.order}</td>
                      <td>{[item.category, item.subArea].filter(Boolean).join(' · ')}</td>
                      <td>
                        {item.text}
                        {item.guidance && <div className="muted">{item.guidance}</div>}
                      </td>
                      <td>{item.problemWhen === 'yes' ? '答“是”为问题' : '答“否”为问题'}</td>
                      <td>{item.defaultProblemType}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </td>
        </tr>
      )}
    </>
  );
}

function UploadVersion({ id, next, onSaved }: { id: string; next: number; onSaved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; problems: ImportProblem[] } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const stored = await api.uploadChecklistTemplate(id, file);
      setSaved(stored.version);
      onSaved();
    } catch (e) {
      setError({ message: describeError(e), problems: e instanceof ApiError ? e.problems : [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" data-testid="checklist-upload">
      <label>
        上传修改后的 Excel，保存为第 {next} 版：{' '}
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          data-testid="checklist-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
      </label>
      {busy && <p role="status">正在检查并保存…</p>}
      {saved !== null && (
        <p className="result success" role="status" data-testid="checklist-saved">
          已保存为第 {saved} 版。
        </p>
      )}
      {error && (
        <>
          <ErrorBox message={error.message} />
          {error.problems.length > 0 && (
            <table className="table compact" data-testid="checklist-problems">
              <thead>
                <tr>
                  <th>行</th>
                  <th>列</th>
                  <th>问题</th>
                </tr>
              </thead>
              <tbody>
                {error.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row ?? '—'}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
