import { useState } from 'react';
import { formatTime } from './hooks.js';
import { KIND_LABELS, type OutboxStatus } from './outbox.js';
import type { FieldRuntime } from './runtime.js';
import type { FieldEvent } from './types.js';

/** 待上传 N 条 / 已全部上传, with what is waiting, why, and what the server reported. */
export function OutboxBar({ runtime, status, online, events }: { runtime: FieldRuntime; status: OutboxStatus | null; online: boolean; events: FieldEvent[] }) {
  const [open, setOpen] = useState(false);
  if (!status) return null;
  const { pending, failed } = status;
  const lastError = status.lastError ?? status.items.find((i) => i.lastError)?.lastError ?? null;
  const flagged = events.filter((e) => e.kind !== 'error');
  return (
    <div className={pending === 0 ? 'outbox-bar done' : failed ? 'outbox-bar failed' : 'outbox-bar'} data-testid="outbox" data-pending={pending} data-failed={failed} data-online={online}>
      <button type="button" className="outbox-summary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className={online ? 'net online' : 'net offline'} data-testid="network-state">
          {online ? '在线' : '离线'}
        </span>
        <strong data-testid="outbox-summary">{pending === 0 ? '已全部上传' : `待上传 ${pending} 条`}</strong>
        {failed > 0 && <span className="badge bad">{failed} 条被拒收</span>}
        {flagged.length > 0 && <span className="badge">{flagged.length} 条提醒</span>}
        <span className="outbox-toggle">{open ? '收起' : '详情'}</span>
      </button>
      {open && (
        <div className="outbox-details" data-testid="outbox-details">
          {pending > 0 && !online && <p className="small">手机离线：记录已保存在本机，联网后自动上传。</p>}
          {lastError && pending > 0 && (
            <p className="small field-error" data-testid="outbox-last-error">
              最近一次错误：{lastError}
            </p>
          )}
          {status.lastSuccessAt && <p className="small muted">最近一次上传成功：{formatTime(status.lastSuccessAt)}</p>}
          {status.items.length > 0 && (
            <ul className="outbox-items">
              {status.items.map((item) => (
                <li key={item.id} data-testid="outbox-item" data-kind={item.kind} data-failed={item.failed}>
                  <span>
                    {KIND_LABELS[item.kind]} <code className="small">{item.clientId.slice(0, 8)}</code>
                  </span>
                  <span className="small muted">
                    {item.failed ? '被拒收' : item.attempts ? `已尝试 ${item.attempts} 次` : '等待上传'}
                    {item.lastError ? `：${item.lastError}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {flagged.length > 0 && (
            <ul className="outbox-events" data-testid="outbox-events">
              {flagged.map((e, i) => (
                <li key={e.id ?? i} data-kind={e.kind}>
                  <span className="small muted">{formatTime(e.at)}</span> {e.message}
                </li>
              ))}
            </ul>
          )}
          <div className="packet-actions">
            <button type="button" className="button secondary" data-testid="outbox-retry" disabled={pending === 0} onClick={() => void (failed ? runtime.outbox.retryFailed() : runtime.outbox.retryNow())}>
              立即重试上传
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
