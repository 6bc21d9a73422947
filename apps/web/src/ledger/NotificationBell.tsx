import { useEffect, useRef, useState } from 'react';
import type { NotificationListDto } from '@lookback/contracts';
import { formatDateTime } from '../format.js';
import { hrefFor, navigate } from '../router.js';
import { ledgerApi } from './ledger-api.js';
import './ledger.css';

const POLL_MS = 60_000;

/** 站内通知: a bell with the unread count in the header; the list opens under it. */
export function NotificationBell() {
  const [data, setData] = useState<NotificationListDto | null>(null);
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    ledgerApi.notifications(controller.signal).then(setData, () => undefined);
    const timer = window.setTimeout(() => setTick((n) => n + 1), POLL_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [tick]);

  // On a phone the open list covers the page: Escape, a tap outside it or another page closes it.
  useEffect(() => {
    if (!open) return;
    const close = () => setOpen(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onPointer = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    window.addEventListener('hashchange', close);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('hashchange', close);
    };
  }, [open]);

  const refresh = () => setTick((n) => n + 1);
  const openItem = async (id: number, itemId: string | null) => {
    await ledgerApi.markRead(id).catch(() => undefined);
    setOpen(false);
    refresh();
    if (itemId) navigate(hrefFor({ name: 'ledger-item', id: itemId }));
  };
  const unread = data?.unread ?? 0;

  return (
    <div className="bell-wrap" ref={wrap}>
      <button type="button" className="bell" aria-label={`通知，${unread} 条未读`} aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="notification-bell">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label="通知" data-testid="notification-panel">
          <div className="bell-head">
            <strong>通知</strong>
            {unread > 0 && (
              <button type="button" className="link-button" onClick={() => void ledgerApi.markAllRead().then(refresh, () => undefined)}>
                全部标为已读
              </button>
            )}
          </div>
          {data && data.notifications.length > 0 ? (
            <ul>
              {data.notifications.map((n) => (
                <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                  <button type="button" onClick={() => void openItem(n.id, n.itemId)}>
                    <div>{n.text}</div>
                    <div className="small muted">{formatDateTime(n.createdAt)}</div>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted" style={{ padding: '0.8rem' }}>
              暂无通知
            </p>
          )}
        </div>
      )}
    </div>
  );
}
