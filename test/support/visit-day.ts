/** What the field browser tests share: the demo plan's visit morning and an inspector's open day. */
import type { MyDayDto } from '@lookback/contracts';
import { DEMO_PASSWORD } from '../../apps/api/src/auth/demo-accounts.service.js';
import { Clock } from '../../apps/api/src/common/clock.js';
import type { FieldPacketDto } from '../../apps/api/src/fieldwork/fieldwork.service.js';
import { login } from './accounts.js';
import type { TestApp } from './app.js';

/**
 * The visit day is tomorrow in Shanghai (the demo's teams visit today and tomorrow): the browser's
 * cookie jar runs on the real clock, and a session opened at 08:00 today could already have
 * expired (12 hours) by the time the test runs.
 */
export const VISIT_DAY = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

/** 08:00 Asia/Shanghai on the visit day. */
export const VISIT_MORNING = new Date(`${VISIT_DAY}T08:00:00+08:00`);

/** The API's visit window and sessions run on the visit morning. */
export class VisitMorningClock extends Clock {
  now(): Date {
    return new Date(VISIT_MORNING);
  }
}

/** The inspector's first open day and its packet, as the phone will download them. */
export async function openDayOf(t: TestApp, username = 'inspector1', password = DEMO_PASSWORD): Promise<{ day: MyDayDto; packet: FieldPacketDto }> {
  const token = await login(t.baseUrl, username, password);
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(t.baseUrl + path, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const day = (await get<MyDayDto[]>('/api/my/days')).find((d) => d.open)!;
  return { day, packet: await get<FieldPacketDto>(`/api/my/days/${day.planId}/${day.visitDate}/packet`) };
}
