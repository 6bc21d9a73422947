import { useState } from 'react';
import type { CompanionPart } from '@lookback/sampling';
import { api } from '../api.js';
import { describeError } from '../errors.js';
import type { VerificationFile, VerificationOutcome } from '../verification.js';
import { Loading } from './Status.js';

/**
 * The verifier pulls in the roster reader (XLSX support included), so it is loaded only when
 * someone actually verifies.
 */
async function runVerification(record: VerificationFile, roster: VerificationFile): Promise<VerificationOutcome> {
  const { verifyDrawFiles } = await import('../verification.js');
  return verifyDrawFiles(record, roster);
}

type State = { status: 'idle' } | { status: 'running' } | { status: 'done'; outcome: VerificationOutcome } | { status: 'failed'; message: string };

function useVerification(): [State, (files: () => Promise<[VerificationFile, VerificationFile]>) => Promise<void>] {
  const [state, setState] = useState<State>({ status: 'idle' });
  const run = async (files: () => Promise<[VerificationFile, VerificationFile]>) => {
    setState({ status: 'running' });
    try {
      const [record, roster] = await files();
      setState({ status: 'done', outcome: await runVerification(record, roster) });
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  };
  return [state, run];
}

const UNCHECKED: Record<CompanionPart, string> = { projects: '抽查项目', assets: '抽查资产', cadres: '访谈对象和知识测试对象' };

function Result({ state }: { state: State }) {
  if (state.status === 'idle') return null;
  if (state.status === 'running') return <Loading text="正在重新计算抽样…" />;
  if (state.status === 'failed') {
    return (
      <div className="result failure" role="alert" data-testid="verify-result" data-outcome="error">
        <h3>无法复核</h3>
        <p>{state.message}</p>
      </div>
    );
  }
  const { outcome } = state;
  switch (outcome.kind) {
    case 'match':
      return (
        <div className="result success" role="status" data-testid="verify-result" data-outcome="match">
          <h3>一致（MATCH）</h3>
          <p>
            用公开的种子和农户名单重新抽样，{outcome.villages} 个村、{outcome.households} 户的结果与抽样记录完全相同，承诺值 <code className="hash">{outcome.commitment}</code> 成立。
          </p>
          {outcome.unchecked.length > 0 && (
            <p className="small" data-testid="verify-unchecked">
              本次只复核了入户抽样；记录中的{outcome.unchecked.map((p) => UNCHECKED[p]).join('、')}需要相应的名单才能复核，这里未核验（可用命令行 lookback verify 加 {outcome.unchecked.map((p) => `--${p}`).join(' ')} 复核）。
            </p>
          )}
        </div>
      );
    case 'mismatch':
      return (
        <div className="result failure" role="alert" data-testid="verify-result" data-outcome="mismatch">
          <h3>不一致（MISMATCH）</h3>
          <p>重新抽样的结果与抽样记录不同。第一处差异：</p>
          <pre className="difference" data-testid="verify-difference">
            {outcome.firstDifference}
          </pre>
        </div>
      );
    case 'unreadable':
      return (
        <div className="result failure" role="alert" data-testid="verify-result" data-outcome="unreadable">
          <h3>无法复核</h3>
          <p>{outcome.message}</p>
        </div>
      );
  }
}

async function fromDisk(file: File): Promise<VerificationFile> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Verifies a plan with the two files the API serves for it. */
export function VerifyPlanButton({ planId }: { planId: string }) {
  const [state, run] = useVerification();
  const verifyFromServer = () =>
    run(async () => {
      const [record, roster] = await Promise.all([api.drawRecordBytes(planId), api.rosterBytes(planId)]);
      return [
        { name: `draw-${planId}.json`, bytes: record },
        { name: `roster-${planId}.csv`, bytes: roster },
      ];
    });
  return (
    <div className="verify">
      <button type="button" className="button primary" data-testid="plan-verify" disabled={state.status === 'running'} onClick={() => void verifyFromServer()}>
        在浏览器中复核
      </button>
      <Result state={state} />
    </div>
  );
}

/** Verifies any draw record against any roster from the user's disk: nothing leaves the browser. */
export function VerifyFilesForm() {
  const [record, setRecord] = useState<File | null>(null);
  const [roster, setRoster] = useState<File | null>(null);
  const [state, run] = useVerification();
  return (
    <div className="verify" data-testid="verify-files">
      <div className="filters">
        <label className="field grow">
          抽样记录（draw-….json）
          <input type="file" accept=".json,application/json" data-testid="verify-record-file" onChange={(e) => setRecord(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field grow">
          农户名单（roster-….csv 或 .xlsx）
          <input type="file" accept=".csv,.xlsx,text/csv" data-testid="verify-roster-file" onChange={(e) => setRoster(e.target.files?.[0] ?? null)} />
        </label>
      </div>
      <button
        type="button"
        className="button secondary"
        data-testid="verify-files-submit"
        disabled={!record || !roster || state.status === 'running'}
        onClick={() => record && roster && void run(async () => [await fromDisk(record), await fromDisk(roster)])}
      >
        复核这两个文件
      </button>
      <Result state={state} />
    </div>
  );
}
