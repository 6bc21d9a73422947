import { useState } from 'react';
import { chinaDate, chineseDate, type PlanReportDto, reportParagraphTexts, type ReportSuggestionDto, type SessionUserDto } from '@lookback/contracts';
import { api, planFiles } from '../api.js';
import { Async, ErrorBox } from '../components/Status.js';
import { useAsync } from '../components/useAsync.js';
import { describeError } from '../errors.js';
import { formatDateTime } from '../format.js';
import { hrefFor } from '../router.js';
import './report.css';

/**
 * 督查报告 of a plan: read on screen, 意见建议 edited by the planner, downloaded as .docx, or printed
 * to PDF (A4, official-document margins; report.css). Leaders read completed plans only (the API
 * answers 404 otherwise).
 */
export function ReportPage({ id, user }: { id: string; user: SessionUserDto }) {
  const [loaded, retry] = useAsync((signal) => api.planReport(id, signal), [id]);
  return (
    <section className="page report-page" data-testid="page-report">
      <nav className="breadcrumb no-print">
        <a href={hrefFor({ name: 'plans' })}>督查方案</a> / <a href={hrefFor({ name: 'plan', id })}>方案详情</a> / 督查报告
      </nav>
      <Async state={loaded} retry={retry}>
        {(report) => <ReportView initial={report} editable={user.role === 'planner'} />}
      </Async>
    </section>
  );
}

function ReportView({ initial, editable }: { initial: PlanReportDto; editable: boolean }) {
  const [report, setReport] = useState(initial);
  const b = report.basics;
  const texts = reportParagraphTexts(report);
  return (
    <>
      <div className="report-toolbar no-print">
        <a className="button" href={planFiles.report(report.planId)} download data-testid="report-download-docx">
          下载 Word（.docx）
        </a>
        <button type="button" className="button secondary" onClick={() => window.print()} data-testid="report-print">
          打印 / 另存为 PDF
        </button>
        <span className="muted small">打印时选择 A4 纸、“另存为 PDF”即可得到 PDF 版本。</span>
      </div>
      {report.draft && (
        <p className="report-draft" data-testid="report-draft">
          草稿：方案尚未完成（{report.status}），以下数字可能变化。
        </p>
      )}
      <article className="report-doc" data-testid="report-document">
        <h1 className="report-title">{report.planName}督查报告</h1>
        <p>为巩固拓展脱贫攻坚成果，推动问题整改落地见效，按照督查工作方案，{b.countyName}巩固拓展脱贫攻坚成果督查组开展了“回头看”督查。现将有关情况报告如下：</p>

        <h2>一、基本情况</h2>
        <p data-testid="report-scope">{texts.scope}</p>
        <p>{b.method}</p>
        <p className="report-commitment">{texts.sampling}</p>
        <table className="report-table" data-testid="report-basics-table">
          <tbody>
            <Row label="乡镇 / 行政村" value={`${b.towns.length} / ${b.villages.length}`} />
            <Row label="抽取农户 / 入户调查 / 替换" value={`${b.households.drawn} / ${b.households.visited} / ${b.households.substituted}`} />
            <Row label="其中重点户" value={String(b.households.priority)} />
            <Row label="衔接资金项目 / 项目资产" value={`${b.projects} / ${b.assets}`} />
            <Row label="干部访谈（实际 / 应访谈）" value={`${b.interviews.done} / ${b.interviews.planned}`} />
            <Row label="知识测试（人数 / 平均分）" value={`${b.quiz.takers} / ${b.quiz.meanPercent ?? '—'}`} />
            <Row label="发现问题" value={String(b.findings)} />
          </tbody>
        </table>

        <h2>二、典型经验</h2>
        {report.experiences.length === 0 && <p>本轮尚无可评分的村。</p>}
        {report.experiences.map((e, i) => (
          <div key={e.villageCode} data-testid="report-experience">
            <h3>
              （{CN[i]}）{e.townName}
              {e.villageName}（得分 {e.score}）
            </h3>
            <p>{e.strengths.join('；')}。</p>
          </div>
        ))}
        {report.experiences.length > 0 && <p className="muted small">{report.scoring.note}</p>}

        <h2>三、存在的主要问题及困难</h2>
        {report.problems.length === 0 ? (
          <p>本轮督查未发现问题。</p>
        ) : (
          <>
            <p>本轮督查共发现问题 {b.findings} 个，按问题类型统计如下：</p>
            <table className="report-table" data-testid="report-problems-table">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>问题类型</th>
                  <th>问题数</th>
                  <th>严重</th>
                  <th>较重</th>
                  <th>一般</th>
                  <th>涉及村数</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={p.problemType}>
                    <td>{i + 1}</td>
                    <td>{p.problemType}</td>
                    <td>{p.count}</td>
                    <td>{p.bySeverity['严重'] ?? 0}</td>
                    <td>{p.bySeverity['较重'] ?? 0}</td>
                    <td>{p.bySeverity['一般'] ?? 0}</td>
                    <td>{p.villages}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.problems.map((p, i) => (
              <div key={p.problemType} className="report-problem">
                <h3>
                  （{CN[i] ?? i + 1}）{p.problemType}方面（{p.count} 个）
                </h3>
                {p.examples.map((x, k) => (
                  <p key={k}>
                    {k + 1}. {x.townName}
                    {x.villageName}
                    {x.subject}：{x.description}（{x.severity}）。
                  </p>
                ))}
              </div>
            ))}
          </>
        )}

        <h2>四、意见建议</h2>
        <div className="print-only">
          {report.suggestions.map((s, i) => (
            <p key={i}>
              {i + 1}. {s.text}
            </p>
          ))}
        </div>
        <div className="no-print">
          {editable ? (
            <SuggestionsEditor report={report} onSaved={setReport} />
          ) : (
            <ol className="report-suggestions" data-testid="report-suggestions">
              {report.suggestions.map((s, i) => (
                <li key={i}>{s.text}</li>
              ))}
            </ol>
          )}
        </div>
        <p className="report-sign">{b.countyName}巩固拓展脱贫攻坚成果督查组</p>
        <p className="report-sign">{chineseDate(chinaDate(new Date()))}</p>
      </article>
    </>
  );
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

function Row({ label, value }: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </tr>
  );
}

function SuggestionsEditor({ report, onSaved }: { report: PlanReportDto; onSaved: (report: PlanReportDto) => void }) {
  const [items, setItems] = useState<ReportSuggestionDto[]>(report.suggestions);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = JSON.stringify(items) !== JSON.stringify(report.suggestions);

  const save = async (next: ReportSuggestionDto[]) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await api.savePlanReportSuggestions(report.planId, next);
      onSaved(saved);
      setItems(saved.suggestions);
      setNotice(next.length ? '意见建议已保存，下载的 Word 文件和打印稿将使用修改后的内容。' : '已恢复为自动生成的意见建议。');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="report-editor" data-testid="report-suggestions-editor">
      <p className="muted small">
        根据发现最多的问题类型自动生成，可修改、删除或添加后保存。
        {report.suggestionsEdited && `（${report.suggestionsEdited.by} 于 ${formatDateTime(report.suggestionsEdited.at)} 修改）`}
      </p>
      {items.map((s, i) => (
        <div key={i} className="report-editor-item">
          <label>
            <span>
              第 {i + 1} 条{s.problemType ? `（${s.problemType}）` : ''}
            </span>
            <textarea
              value={s.text}
              rows={3}
              maxLength={1000}
              data-testid="report-suggestion-text"
              onChange={(event) => setItems(items.map((x, k) => (k === i ? { ...x, text: event.target.value } : x)))}
            />
          </label>
          <button type="button" className="button secondary small" onClick={() => setItems(items.filter((_, k) => k !== i))}>
            删除
          </button>
        </div>
      ))}
      <div className="report-editor-actions">
        <button type="button" className="button secondary" onClick={() => setItems([...items, { problemType: null, text: '' }])} disabled={items.length >= 30}>
          添加一条
        </button>
        <button type="button" className="button" disabled={busy || !dirty} onClick={() => void save(items)} data-testid="report-suggestions-save">
          {busy ? '正在保存…' : '保存意见建议'}
        </button>
        <button type="button" className="button secondary" disabled={busy || !report.suggestionsEdited} onClick={() => void save([])}>
          恢复自动生成
        </button>
      </div>
      {error && <ErrorBox message={error} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
