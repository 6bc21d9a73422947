/**
 * 知识测试 on the inspector's phone, full screen: the cadre answers their own question set (from
 * the packet: no answers on the phone), confirms, and submits once. Each answer is kept on the
 * device as it is given (a draft in localStorage, per plan/day/cadre), so a reload or a closed tab
 * returns to the questions with the answers given; the draft is removed once the answers are
 * queued. Online the API grades at once; offline the answers are queued, the quiz is locked and
 * shows "已提交，联网后评分". Nothing leads back into the questions after submitting.
 *
 * The cadres of a village share questions, so a result shows only the score until every quiz
 * taker of the village has submitted (or the day is signed off); then 正确答案 and 解析 are fetched
 * and shown. The API applies the same rule to what it sends.
 */
import type { ExpectedAnswer, FieldQuestion, QuizAnswer, QuizResult } from '@lookback/quiz';
import { NUMERIC_HINT, numericAnswerProblem, questionsNotAnswered, reviewIsOpen } from '@lookback/quiz';
import { useEffect, useState } from 'react';
import { getJson } from '../api.js';
import { hrefFor } from '../router.js';
import type { FieldRuntime } from './runtime.js';
import { type DayData, saveQuiz } from './store.js';

const GRADE_WAIT_MS = 15_000;

/** Where a cadre's unsubmitted answers are kept on this device. */
const draftKey = (userId: string, dayKey: string, cadreNo: string) => `lookback-quiz-draft/${userId}/${dayKey}/${cadreNo}`;

function readDraft(key: string): Record<string, QuizAnswer> | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, QuizAnswer>) : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, answers: Record<string, QuizAnswer> | null): void {
  try {
    if (answers) localStorage.setItem(key, JSON.stringify(answers));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or blocked: the answers still live in the screen's state.
  }
}

export function QuizScreen({ runtime, data, cadreNo, online, reload }: { runtime: FieldRuntime; data: DayData; cadreNo: string; online: boolean; reload: () => Promise<void> }) {
  const { planId, date } = data.day;
  const village = data.day.packet.villages.find((v) => v.quiz.some((q) => q.cadreNo === cadreNo));
  const set = village?.quiz.find((q) => q.cadreNo === cadreNo);
  const stored = data.quizzes.find((q) => q.cadreNo === cadreNo) ?? null;
  const draft = draftKey(runtime.userId, data.day.dayKey, cadreNo);
  const [answers, setAnswers] = useState<Record<string, QuizAnswer>>(() => (stored ? {} : (readDraft(draft) ?? {})));
  const [phase, setPhase] = useState<'intro' | 'answering' | 'confirm' | 'sending'>(() => (Object.keys(answers).length ? 'answering' : 'intro'));
  const interviewed = data.day.packet.villages.some((v) => v.draw.interviewees.some((i) => i.cadreNo === cadreNo));
  const back = hrefFor({ name: 'field', planId, date, view: interviewed ? { kind: 'stop', stopKind: 'interview', stopCode: cadreNo } : { kind: 'day' } });
  const submitted = new Set(data.quizzes.map((q) => q.cadreNo));
  const reviewOpen = reviewIsOpen(village?.quiz.map((q) => q.cadreNo) ?? [], submitted, data.day.signedOff);
  const needsReview = Boolean(reviewOpen && online && stored?.result?.withheld);

  useEffect(() => {
    if (stored) writeDraft(draft, null);
  }, [stored, draft]);

  // The whole village has answered: fetch the review the API kept back, once.
  useEffect(() => {
    if (!needsReview || !stored) return;
    let cancelled = false;
    getJson<{ result: QuizResult | null }>(`/api/my/days/${encodeURIComponent(planId)}/${encodeURIComponent(date)}/quiz/${encodeURIComponent(cadreNo)}`)
      .then(async ({ result }) => {
        if (cancelled || !result || result.withheld) return;
        const current = await runtime.db.get('quizzes', stored.key);
        if (current) await runtime.db.put('quizzes', { ...current, result });
        await reload();
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [needsReview, stored, planId, date, cadreNo, runtime, reload]);

  const answer = (id: string, value: QuizAnswer) =>
    setAnswers((a) => {
      const next = { ...a, [id]: value };
      writeDraft(draft, next);
      return next;
    });

  if (!set) {
    return (
      <div className="quiz-screen" data-testid="quiz-screen">
        <p className="field-error">工作包中没有这位干部的测试题。</p>
        <a className="button secondary big" href={back}>
          返回
        </a>
      </div>
    );
  }

  if (stored) {
    return (
      <div className="quiz-screen" data-testid="quiz-screen" data-state={stored.result ? 'graded' : 'queued'}>
        <h1>知识测试 · {set.role}</h1>
        {stored.result ? (
          <QuizResultView result={reviewOpen ? stored.result : { ...stored.result, items: [], withheld: true }} questions={set.questions} />
        ) : stored.error ? (
          <p className="field-error" data-testid="quiz-queued">
            答卷已提交，但服务器未接受：{stored.error}
          </p>
        ) : (
          <p className="quiz-queued" data-testid="quiz-queued">
            已提交，联网后评分。答卷已锁定，不能修改。
          </p>
        )}
        <a className="button primary big block" data-testid="quiz-hand-back" href={back}>
          交还督查员
        </a>
      </div>
    );
  }

  if (data.day.signedOff) {
    return (
      <div className="quiz-screen" data-testid="quiz-screen" data-state="signed">
        <p className="signed-banner">本日已签字确认，不能再作答；如需补测请先“重新开放”本日。</p>
        <a className="button secondary big block" href={back}>
          返回
        </a>
      </div>
    );
  }

  const notAnswered = questionsNotAnswered(set.questions, answers);
  const missing = notAnswered.unanswered.length + notAnswered.invalid.length;
  const answeredCount = set.questions.length - missing;
  const submit = async () => {
    setPhase('sending');
    await saveQuiz(runtime.db, runtime.outbox, data.day.dayKey, cadreNo, answers);
    writeDraft(draft, null);
    if (online) await Promise.race([runtime.outbox.flush(), new Promise((resolve) => setTimeout(resolve, GRADE_WAIT_MS))]);
    await reload();
  };

  return (
    <div className="quiz-screen" data-testid="quiz-screen" data-state={phase}>
      <h1>知识测试 · {set.role}</h1>
      {phase === 'intro' && (
        <>
          <p>
            请将手机交给受访干部本人作答。共 {set.questions.length} 题，答完后点“提交”。<strong>提交后不能返回修改。</strong>
          </p>
          <button type="button" className="button primary big block" data-testid="quiz-begin" onClick={() => setPhase('answering')}>
            开始作答
          </button>
          <a className="button secondary big block" href={back}>
            暂不作答，交还督查员
          </a>
        </>
      )}
      {(phase === 'answering' || phase === 'confirm') && (
        <>
          <ol className="quiz-questions">
            {set.questions.map((q, i) => (
              <QuestionInput key={q.id} n={i + 1} question={q} value={answers[q.id]} disabled={phase !== 'answering'} onChange={(v) => answer(q.id, v)} />
            ))}
          </ol>
          {phase === 'answering' ? (
            <button type="button" className="button primary big block" data-testid="quiz-submit" onClick={() => setPhase('confirm')}>
              提交（已答 {answeredCount}/{set.questions.length}）
            </button>
          ) : (
            <div className="quiz-confirm" role="alertdialog" aria-label="确认提交">
              <p data-testid="quiz-confirm-text">
                {missing ? `还有 ${missing} 题未答，未答的题不得分。` : '全部题目已作答。'}提交后不能修改，确定提交吗？
              </p>
              {notAnswered.invalid.length > 0 && (
                <p className="field-error" data-testid="quiz-invalid">
                  第 {notAnswered.invalid.join('、')} 题填的不是数字，按未答计 0 分：{NUMERIC_HINT}。
                </p>
              )}
              <button type="button" className="button primary big block" data-testid="quiz-confirm" onClick={() => void submit()}>
                确定提交
              </button>
              <button type="button" className="button secondary big block" onClick={() => setPhase('answering')}>
                再检查一下
              </button>
            </div>
          )}
        </>
      )}
      {phase === 'sending' && <p>正在提交…</p>}
    </div>
  );
}

function QuestionInput({ n, question, value, disabled, onChange }: { n: number; question: FieldQuestion; value: QuizAnswer | undefined; disabled: boolean; onChange: (v: QuizAnswer) => void }) {
  return (
    <li className="quiz-question" data-testid="quiz-question" data-type={question.type} data-id={question.id}>
      <p>
        <strong>{n}.</strong> {question.stem}
        <span className="small muted">（{TYPE_LABELS[question.type]}）</span>
      </p>
      {question.type === 'single' &&
        question.options.map((o) => (
          <button key={o.id} type="button" className={value === o.id ? 'answer option selected' : 'answer option'} aria-pressed={value === o.id} data-option={o.id} disabled={disabled} onClick={() => onChange(o.id)}>
            {o.id}. {o.text}
          </button>
        ))}
      {question.type === 'multiple' &&
        question.options.map((o) => {
          const chosen = Array.isArray(value) ? (value as string[]) : [];
          const on = chosen.includes(o.id);
          return (
            <button
              key={o.id}
              type="button"
              className={on ? 'answer option selected' : 'answer option'}
              aria-pressed={on}
              data-option={o.id}
              disabled={disabled}
              onClick={() => onChange(on ? chosen.filter((c) => c !== o.id) : [...chosen, o.id].sort())}
            >
              {on ? '☑' : '☐'} {o.id}. {o.text}
            </button>
          );
        })}
      {question.type === 'truefalse' && (
        <div className="answer-buttons">
          {[true, false].map((b) => (
            <button key={String(b)} type="button" className={value === b ? 'answer selected' : 'answer'} aria-pressed={value === b} data-option={String(b)} disabled={disabled} onClick={() => onChange(b)}>
              {b ? '对' : '错'}
            </button>
          ))}
        </div>
      )}
      {question.type === 'numeric' && <NumericInput unit={question.unit} value={value} disabled={disabled} onChange={onChange} />}
    </li>
  );
}

function NumericInput({ unit, value, disabled, onChange }: { unit: string; value: QuizAnswer | undefined; disabled: boolean; onChange: (v: QuizAnswer) => void }) {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const problem = numericAnswerProblem(text, unit);
  return (
    <>
      <label className="figure">
        <input inputMode="decimal" data-testid="quiz-numeric" placeholder="例如 350" aria-invalid={problem !== null} value={text} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
        <span>{unit}</span>
      </label>
      {problem && (
        <p className="field-error" data-testid="quiz-numeric-problem">
          {problem}
        </p>
      )}
    </>
  );
}

const TYPE_LABELS: Record<FieldQuestion['type'], string> = { single: '单选', multiple: '多选', truefalse: '判断', numeric: '填数字' };

const round2 = (n: number) => Math.round(n * 100) / 100;

function formatAnswer(a: QuizAnswer | ExpectedAnswer | null): string {
  if (a === null || a === undefined) return '未答';
  if (typeof a === 'boolean') return a ? '对' : '错';
  if (Array.isArray(a)) return a.join('、') || '未答';
  if (typeof a === 'object') return `${(a as { value: number }).value}${(a as { unit: string }).unit}（允许误差 ±${(a as { tolerance: number }).tolerance}）`;
  return String(a);
}

export function QuizResultView({ result, questions }: { result: QuizResult; questions: readonly FieldQuestion[] }) {
  const stems = new Map(questions.map((q) => [q.id, q.stem]));
  return (
    <div data-testid="quiz-result" data-review={result.withheld ? 'withheld' : 'shown'}>
      <p className="quiz-score" data-testid="quiz-score">
        得分 {round2(result.score)} / {result.maxScore}（{result.percent}%）
      </p>
      {result.withheld && (
        <p className="small muted" data-testid="quiz-review-withheld">
          本村还有干部未作答，各人的题目有重复：逐题批改待本村干部全部答完（或本日签字确认）后再显示。
        </p>
      )}
      <ol className="quiz-results">
        {result.items.map((item) => (
          <li key={item.id} className={item.correct ? 'right' : 'wrong'} data-correct={item.correct}>
            <p>
              {item.correct ? '✓' : item.score > 0 ? '◐' : '✗'} {stems.get(item.id) ?? item.id}
            </p>
            <p className="small">
              作答：{formatAnswer(item.given)} · 正确答案：{formatAnswer(item.expected)}
              {item.score > 0 && item.score < 1 ? ` · 部分得分 ${round2(item.score)}` : ''}
            </p>
            <p className="small muted">解析：{item.explanation}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
