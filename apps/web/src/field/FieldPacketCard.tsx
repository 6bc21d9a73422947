import { useEffect, useState } from 'react';
import { PacketDownload } from './PacketDownload.js';
import { useActiveRuntime } from './runtime.js';
import { dayKey, type StoredDay } from './types.js';
import './field.css';

/** On 今日路线: download the day for offline work and open it. */
export function FieldPacketCard({ planId, date }: { planId: string; date: string }) {
  const runtime = useActiveRuntime();
  const [day, setDay] = useState<StoredDay | null | undefined>(undefined);
  useEffect(() => {
    if (!runtime) return;
    let cancelled = false;
    void runtime.db.get('days', dayKey(planId, date)).then((d) => !cancelled && setDay(d ?? null));
    return () => {
      cancelled = true;
    };
  }, [runtime, planId, date]);
  if (!runtime || day === undefined) return null;
  return <PacketDownload runtime={runtime} planId={planId} date={date} day={day} onDownloaded={setDay} showOpen />;
}
