import { useCallback, useEffect, useState } from 'react';
import type { FieldRuntime } from './runtime.js';
import { type DayData, loadDay } from './store.js';
import type { DayKey } from './types.js';

/** The day from IndexedDB (undefined while reading, null when not downloaded), re-read after every change. */
export function useDayData(runtime: FieldRuntime, key: DayKey): [DayData | null | undefined, () => Promise<void>] {
  const [data, setData] = useState<DayData | null | undefined>(undefined);
  const reload = useCallback(async () => {
    setData(await loadDay(runtime.db, key));
  }, [runtime, key]);
  useEffect(() => {
    void reload();
    // Acknowledgements, quiz results and refusals arrive through the outbox.
    return runtime.outbox.subscribe(() => void reload());
  }, [reload, runtime]);
  return [data, reload];
}

/** navigator.onLine, following the online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine !== false);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** "11月24日 08:32" in China time. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
