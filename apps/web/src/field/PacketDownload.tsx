import { useState } from 'react';
import { describeError } from '../errors.js';
import { hrefFor } from '../router.js';
import { formatTime } from './hooks.js';
import type { FieldRuntime } from './runtime.js';
import { savePacket } from './store.js';
import { fetchPacket } from './transport.js';
import type { StoredDay } from './types.js';

/**
 * 下载今日工作包: the route, checklists, draw with reserves, quiz sets (no answers) and map points,
 * into IndexedDB; the day then works with no network.
 */
export function PacketDownload({ runtime, planId, date, day, onDownloaded, showOpen }: { runtime: FieldRuntime; planId: string; date: string; day: StoredDay | null; onDownloaded: (day: StoredDay) => void; showOpen: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const packet = await fetchPacket(planId, date);
      onDownloaded(await savePacket(runtime.db, planId, date, packet));
    } catch (e) {
      setError(`下载失败：${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const stops = day ? day.packet.route.villages.reduce((n, v) => n + v.items.length, 0) : 0;
  return (
    <div className="packet-card" data-testid="packet-card" data-downloaded={day !== null}>
      {day ? (
        <p className="packet-state" data-testid="packet-state">
          <strong>已下载今日工作包</strong>
          <span className="small muted">
            {formatTime(day.downloadedAt)} 下载 · {day.packet.route.villages.length} 个村 · {stops} 个走访点 · {day.packet.templates.length} 张排查表 ·{' '}
            {day.packet.villages.reduce((n, v) => n + v.quiz.length, 0)} 份测试题
          </span>
        </p>
      ) : (
        <p className="packet-state" data-testid="packet-state">
          <strong>尚未下载今日工作包</strong>
          <span className="small muted">出发前在有网络的地方下载，进村后无网络也能填写，联网后自动上传。</span>
        </p>
      )}
      <div className="packet-actions">
        <button type="button" className={day ? 'button secondary big' : 'button primary big'} data-testid="download-packet" disabled={busy} onClick={() => void download()}>
          {busy ? '正在下载…' : day ? '重新下载工作包' : '下载今日工作包'}
        </button>
        {day && showOpen && (
          <a className="button primary big" data-testid="open-field" href={hrefFor({ name: 'field', planId, date, view: { kind: 'day' } })}>
            进入离线工作台 →
          </a>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="packet-error">
          {error}
        </p>
      )}
    </div>
  );
}
