import { IMPORT_KINDS, type ImportJobDto, type ImportKind, type ImportProblem } from '@lookback/contracts';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { api, templateUrl, uploadImport } from '../api.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ErrorBox } from '../components/Status.js';
import { ApiError, describeError } from '../errors.js';
import { formatBytes, formatCount, formatDateTime, IMPORT_KIND_LABELS, IMPORT_STATUS_LABELS, isFinished, shortHash } from '../format.js';
import { importFileProblem, jobProgress, sortProblems } from '../imports.js';

const POLL_MS = 500;
/** Consecutive failed polls tolerated (a phone on a weak signal) before giving up on showing progress. */
const MAX_POLL_FAILURES = 10;
const PROBLEMS_SHOWN = 200;

type Phase =
  | { name: 'idle' }
  | { name: 'uploading'; progress: number }
  | { name: 'running'; job: ImportJobDto }
  | { name: 'done'; job: ImportJobDto }
  | { name: 'failed'; message: string; problems: ImportProblem[] }
  | { name: 'lost'; message: string };

export function ImportPage() {
  const [kind, setKind] = useState<ImportKind>('households');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [dragging, setDragging] = useState(false);
  const cancelRef = useRef<() => void>(() => undefined);

  useEffect(() => () => cancelRef.current(), []);

  const busy = phase.name === 'uploading' || phase.name === 'running';

  function pick(candidate: File | undefined) {
    if (!candidate) return;
    const problem = importFileProblem(candidate.name);
    setFileError(problem);
    setFile(problem ? null : candidate);
    setPhase({ name: 'idle' });
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    if (!busy) pick(event.dataTransfer.files[0]);
  }

  async function start() {
    if (!file) return;
    let cancelled = false;
    const upload = uploadImport(kind, file, (progress) => {
      if (!cancelled) setPhase({ name: 'uploading', progress });
    });
    cancelRef.current = () => {
      cancelled = true;
      upload.abort();
    };
    setPhase({ name: 'uploading', progress: 0 });
    let job: ImportJobDto;
    try {
      job = await upload.done;
    } catch (error) {
      if (!cancelled) setPhase(failedPhase(error));
      return;
    }
    let failures = 0;
    while (!cancelled) {
      if (isFinished(job.status)) {
        setPhase(
          job.status === 'done'
            ? { name: 'done', job }
            : { name: 'failed', message: job.message || '文件中有错误', problems: job.problems },
        );
        return;
      }
      setPhase({ name: 'running', job });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (cancelled) return;
      try {
        job = await api.importJob(job.id);
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures >= MAX_POLL_FAILURES) {
          setPhase({ name: 'lost', message: `无法获取导入进度：${describeError(error)}。导入可能仍在服务器上进行，请稍后在首页查看最新快照。` });
          return;
        }
      }
    }
  }

  return (
    <section className="page" data-testid="page-import">
      <h1>数据导入</h1>
      <p className="muted">导入是整体生效的：文件中只要有一处错误，就不会更改任何数据。导入成功后生成新的花名册快照。</p>

      <h2>1. 选择数据类型</h2>
      <div className="segmented" role="radiogroup" aria-label="数据类型" data-testid="import-kind">
        {IMPORT_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={k === kind}
            className={k === kind ? 'segment active' : 'segment'}
            disabled={busy}
            data-testid={`import-kind-${k}`}
            onClick={() => {
              setKind(k);
              setPhase({ name: 'idle' });
            }}
          >
            {IMPORT_KIND_LABELS[k]}
          </button>
        ))}
      </div>
      <p className="templates">
        下载模板：
        <a className="button secondary" href={templateUrl(kind, 'xlsx')} download data-testid="template-xlsx">
          {IMPORT_KIND_LABELS[kind]}模板（XLSX）
        </a>
        <a className="button secondary" href={templateUrl(kind, 'csv')} download data-testid="template-csv">
          {IMPORT_KIND_LABELS[kind]}模板（CSV）
        </a>
      </p>

      <h2>2. 选择文件</h2>
      <label
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        data-testid="import-dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          disabled={busy}
          onChange={(e) => {
            pick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {file ? (
          <span>
            已选择 <strong>{file.name}</strong>（{formatBytes(file.size)}），点击可重新选择
          </span>
        ) : (
          <span>将 CSV 或 XLSX 文件拖到这里，或点击选择文件</span>
        )}
      </label>
      {fileError && <ErrorBox message={fileError} />}

      <h2>3. 开始导入</h2>
      <button type="button" className="button primary" disabled={!file || busy} onClick={() => void start()} data-testid="import-start">
        {busy ? '正在导入…' : `导入${IMPORT_KIND_LABELS[kind]}`}
      </button>

      <PhaseView phase={phase} />
    </section>
  );
}

function failedPhase(error: unknown): Phase {
  const problems = error instanceof ApiError ? error.problems : [];
  return { name: 'failed', message: describeError(error), problems };
}

function PhaseView({ phase }: { phase: Phase }) {
  switch (phase.name) {
    case 'idle':
      return null;
    case 'uploading':
      return <ProgressBar value={phase.progress} label="正在上传文件" testId="upload-progress" />;
    case 'running': {
      const { job } = phase;
      const rows = job.rowsTotal ? `（${formatCount(job.rowsLoaded)} / ${formatCount(job.rowsTotal)} 行）` : '';
      return <ProgressBar value={jobProgress(job)} label={`${IMPORT_STATUS_LABELS[job.status]}${rows}`} testId="import-progress" />;
    }
    case 'done':
      return <DoneView job={phase.job} />;
    case 'failed':
      return <FailedView message={phase.message} problems={phase.problems} />;
    case 'lost':
      return <ErrorBox message={phase.message} />;
  }
}

function DoneView({ job }: { job: ImportJobDto }) {
  const snapshot = job.snapshot;
  return (
    <div className="result success" role="status" data-testid="import-success">
      <h3>导入成功</h3>
      <p>
        {job.fileName}：共导入 {formatCount(job.rowsLoaded)} 行{IMPORT_KIND_LABELS[job.kind]}数据。
      </p>
      {snapshot && (
        <dl className="facts">
          <dt>新快照哈希</dt>
          <dd>
            <code title={snapshot.contentHash} data-testid="import-snapshot-hash">
              {shortHash(snapshot.contentHash)}
            </code>
          </dd>
          <dt>生成时间</dt>
          <dd>{formatDateTime(snapshot.createdAt)}</dd>
          <dt>花名册现有</dt>
          <dd>
            行政村 {formatCount(snapshot.counts.villages)} · 农户 {formatCount(snapshot.counts.households)} · 项目{' '}
            {formatCount(snapshot.counts.projects)} · 资产 {formatCount(snapshot.counts.assets)} · 干部 {formatCount(snapshot.counts.cadres)}
          </dd>
        </dl>
      )}
    </div>
  );
}

function FailedView({ message, problems }: { message: string; problems: ImportProblem[] }) {
  const [showAll, setShowAll] = useState(false);
  const sorted = sortProblems(problems);
  const shown = showAll ? sorted : sorted.slice(0, PROBLEMS_SHOWN);
  return (
    <div className="result failure" role="alert" data-testid="import-failure">
      <h3>导入失败，数据未做任何更改</h3>
      <p>{message}</p>
      {sorted.length > 0 && (
        <>
          <p>共发现 {formatCount(sorted.length)} 处问题，请修改文件后重新导入：</p>
          <div className="table-wrap">
            <table className="table" data-testid="import-problems">
              <thead>
                <tr>
                  <th className="num">行</th>
                  <th>列</th>
                  <th>问题</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.row ?? '—'}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!showAll && sorted.length > PROBLEMS_SHOWN && (
            <button type="button" className="button secondary" onClick={() => setShowAll(true)}>
              显示全部 {formatCount(sorted.length)} 处问题
            </button>
          )}
        </>
      )}
    </div>
  );
}
