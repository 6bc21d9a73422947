import { useState } from 'react';
import { api } from '../../api.js';
import { Async } from '../../components/Status.js';
import { useAsync } from '../../components/useAsync.js';
import { fmtShare } from '../../rankings.js';
import './rankings.css';

/** 测试错题分析: each question by the share of cadres who got it wrong, weakest first, to aim the training. */
export function QuizAnalysisPage() {
  const [planId, setPlanId] = useState<string | null>(null);
  const [plans] = useAsync((signal) => api.plans(signal), []);
  const [state, retry] = useAsync((signal) => api.quizAnalysis(planId, signal), [planId]);
  const completed = plans.status === 'ready' ? plans.data.filter((p) => p.status === 'completed') : [];
  return (
    <section className="page" data-testid="page-quiz-analysis">
      <h1>知识测试错题分析</h1>
      <div className="rank-toolbar">
        <label className="field">
          <span>督查方案</span>
          <select value={planId ?? ''} onChange={(e) => setPlanId(e.target.value || null)} data-testid="quiz-plan-select">
            <option value="">全部已完成的方案</option>
            {completed.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async state={state} retry={retry}>
        {(d) => {
          const topics = new Map<string, { attempts: number; wrong: number }>();
          for (const q of d.questions) {
            const t = topics.get(q.topic) ?? { attempts: 0, wrong: 0 };
            t.attempts += q.attempts;
            t.wrong += q.wrong;
            topics.set(q.topic, t);
          }
          const byTopic = [...topics.entries()].map(([topic, t]) => ({ topic, rate: t.wrong / t.attempts })).sort((a, b) => b.rate - a.rate);
          return (
            <>
              <p className="rank-meta">
                {d.plans.length ? `已完成的督查方案：${d.plans.map((p) => p.name).join('、')}；` : '还没有已完成的督查方案；'}共 {d.cadres} 名村干部参加测试。
              </p>
              {d.questions.length === 0 ? (
                <p className="muted">暂无测试结果。</p>
              ) : (
                <>
                  <h2>薄弱领域</h2>
                  <div className="table-wrap">
                    <table className="table" data-testid="quiz-topics">
                      <tbody>
                        {byTopic.map((t) => (
                          <tr key={t.topic}>
                            <td>{t.topic}</td>
                            <td>
                              <span className="share-bar" style={{ width: `${Math.max(2, t.rate * 200)}px` }} />
                              答错 {fmtShare(t.rate)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <h2>逐题错误率（由高到低）</h2>
                  <div className="table-wrap">
                    <table className="table" data-testid="quiz-questions">
                      <thead>
                        <tr>
                          <th>题号</th>
                          <th>领域</th>
                          <th>题干</th>
                          <th className="num">作答人次</th>
                          <th className="num">答错</th>
                          <th className="num">错误率</th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.questions.map((q) => (
                          <tr key={q.id} data-testid="quiz-question-row">
                            <td>{q.id}</td>
                            <td className="nowrap">{q.topic}</td>
                            <td className="wrap">{q.stem}</td>
                            <td className="num">{q.attempts}</td>
                            <td className="num">{q.wrong}</td>
                            <td className="num">{fmtShare(q.wrongRate)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
