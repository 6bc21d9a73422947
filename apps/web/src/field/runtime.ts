/**
 * One field-work runtime per signed-in inspector: their IndexedDB database, this phone's device
 * id and the running outbox (sending on start, after each back-off and on the `online` event).
 */
import type { SessionUserDto } from '@lookback/contracts';
import { useEffect, useState } from 'react';
import { deviceIdOf, type FieldDb, fieldDbName, openFieldDb } from './db.js';
import { Outbox, type OutboxStatus } from './outbox.js';
import { httpTransport } from './transport.js';

export interface FieldRuntime {
  userId: string;
  db: FieldDb;
  deviceId: string;
  outbox: Outbox;
}

let active: { userId: string; runtime: Promise<FieldRuntime> } | null = null;
const listeners = new Set<() => void>();

async function open(userId: string): Promise<FieldRuntime> {
  const db = await openFieldDb(fieldDbName(userId));
  const deviceId = await deviceIdOf(db);
  const outbox = new Outbox(db, httpTransport, deviceId, { isOnline: () => navigator.onLine !== false });
  outbox.start();
  return { userId, db, deviceId, outbox };
}

const onOnline = () => {
  void active?.runtime.then((r) => r.outbox.retryNow());
};

/** Opens (once) the runtime of this user and makes it the active one. */
export function startFieldRuntime(userId: string): Promise<FieldRuntime> {
  if (active?.userId === userId) return active.runtime;
  stopFieldRuntime();
  active = { userId, runtime: open(userId) };
  window.addEventListener('online', onOnline);
  for (const l of listeners) l();
  return active.runtime;
}

export function stopFieldRuntime(): void {
  if (!active) return;
  const previous = active.runtime;
  active = null;
  window.removeEventListener('online', onOnline);
  void previous.then((r) => {
    r.outbox.stop();
    r.db.close();
  });
  for (const l of listeners) l();
}

/** For App: inspectors get their outbox running on every screen, from the moment they are signed in. */
export function useFieldSync(user: SessionUserDto | null): void {
  const userId = user?.role === 'inspector' ? user.id : null;
  useEffect(() => {
    if (!userId) return;
    void startFieldRuntime(userId);
    return () => stopFieldRuntime();
  }, [userId]);
}

export type RuntimeState = { status: 'opening' } | { status: 'ready'; runtime: FieldRuntime } | { status: 'error'; message: string } | { status: 'none' };

export function useFieldRuntime(userId: string): RuntimeState {
  const [state, setState] = useState<RuntimeState>({ status: 'opening' });
  useEffect(() => {
    let cancelled = false;
    startFieldRuntime(userId).then(
      (runtime) => !cancelled && setState({ status: 'ready', runtime }),
      (error: unknown) => !cancelled && setState({ status: 'error', message: `本机存储无法打开（${error instanceof Error ? error.message : String(error)}）：请退出无痕模式或检查浏览器存储权限` }),
    );
    return () => {
      cancelled = true;
    };
  }, [userId]);
  return state;
}

/** The outbox's status, refreshed whenever it changes. */
export function useOutboxStatus(outbox: Outbox | null): OutboxStatus | null {
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  useEffect(() => {
    if (!outbox) return;
    let cancelled = false;
    const refresh = () => void outbox.status().then((s) => !cancelled && setStatus(s));
    refresh();
    const unsubscribe = outbox.subscribe(refresh);
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [outbox]);
  return status;
}

/** The runtime App started for the signed-in inspector (null for other roles, or while opening). */
export function useActiveRuntime(): FieldRuntime | null {
  const [runtime, setRuntime] = useState<FieldRuntime | null>(null);
  useEffect(() => {
    let current = 0;
    const follow = () => {
      const mine = ++current;
      if (!active) return setRuntime(null);
      void active.runtime.then(
        (r) => mine === current && setRuntime(r),
        () => mine === current && setRuntime(null),
      );
    };
    follow();
    listeners.add(follow);
    return () => {
      listeners.delete(follow);
      current = -1;
    };
  }, []);
  return runtime;
}
