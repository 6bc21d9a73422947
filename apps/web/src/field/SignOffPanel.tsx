import { useState } from 'react';
import type { FieldVillage } from './day-state.js';
import type { FieldRuntime } from './runtime.js';
import { type DayData, reopenDay, signOffDay } from './store.js';

/**
 * 签字确认: once every village is done (villageProgress), the team leader types the members' names;
 * the day is then read-only on the phone until it is reopened with a reason (logged by the API).
 */
export function SignOffPanel({ runtime, data, villages, reload, online }: { runtime: FieldRuntime; data: DayData; villages: FieldVillage[]; reload: () => Promise<void>; online: boolean }) {
  const members = data.day.packet.route.team.members;
  const [names, setNames] = useState<string[]>(() => members.map(() => ''));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const open = villages.filter((v) => !v.progress.done);
  const key = data.day.dayKey;
  const team = data.day.packet.route.team;
  // 责任组长签字: only the team's leader signs the day off or reopens it (the API refuses others).
  const leader = team.leaderId ? team.members.find((m) => m.id === team.leaderId) : undefined;
  if (leader && leader.id !== runtime.userId) {
    return (
      <section className="signoff" data-testid="signoff" data-signed={data.day.signedOff} data-leader="false">
        <h2>签字确认</h2>
        <p className="muted" data-testid="signoff-by-leader">
          {data.day.signedOff ? '已由督查组签字确认。' : '全部走访完成后，'}由组长 {leader.displayName} 在其手机上{data.day.signedOff ? '重新开放' : '签字确认'}。
        </p>
      </section>
    );
  }

  if (data.day.signedOff) {
    const submit = async () => {
      if (reason.trim().length < 4) return setProblem('请说明重新开放的原因（至少 4 个字）');
      setProblem(null);
      await reopenDay(runtime.db, runtime.outbox, key, reason.trim());
      setReason('');
      await reload();
    };
    return (
      <section className="signoff" data-testid="signoff" data-signed="true">
        <h2>签字确认</h2>
        <p>
          已由督查组签字确认：<strong data-testid="signed-names">{data.day.signedNames.join('、') || '（在另一台手机上签字）'}</strong>
        </p>
        <label className="field-label">
          重新开放的原因（会被记录）
          <textarea data-testid="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
        {problem && <p className="field-error">{problem}</p>}
        <button type="button" className="button secondary big" data-testid="reopen" onClick={() => void submit()}>
          重新开放本日
        </button>
      </section>
    );
  }

  const submit = async () => {
    const typed = names.map((n) => n.trim()).filter(Boolean);
    if (typed.length === 0) return setProblem('请输入督查组成员的姓名');
    if (typed.some((n) => n.length < 2 || n.length > 20)) return setProblem('每个姓名应为 2 至 20 个字');
    setProblem(null);
    await signOffDay(runtime.db, runtime.outbox, key, typed);
    await reload();
  };
  return (
    <section className="signoff" data-testid="signoff" data-signed="false">
      <h2>签字确认</h2>
      {data.day.signOffError && (
        <p className="field-error" role="alert" data-testid="signoff-error">
          服务器未接受签字：{data.day.signOffError}
        </p>
      )}
      {open.length > 0 ? (
        <p className="muted" data-testid="signoff-blocked">
          还不能签字确认：{open.map((v) => `${v.villageName}还有 ${v.progress.pending.length} 处未完成`).join('；')}。
        </p>
      ) : (
        <>
          <p className="small">各村走访均已完成。请组长输入本组成员的姓名（与审计底稿签字相同），签字后本日记录不能再修改。</p>
          {names.map((name, i) => (
            <label key={i} className="field-label">
              组员 {i + 1}
              <input data-testid="signoff-name" value={name} autoComplete="off" onChange={(e) => setNames((all) => all.map((n, j) => (j === i ? e.target.value : n)))} />
            </label>
          ))}
          <button type="button" className="button secondary" onClick={() => setNames((all) => [...all, ''])}>
            再加一人
          </button>
          {problem && <p className="field-error">{problem}</p>}
          <button type="button" className="button primary big block" data-testid="signoff-submit" onClick={() => void submit()}>
            签字确认本日工作{online ? '' : '（联网后上传）'}
          </button>
        </>
      )}
    </section>
  );
}
