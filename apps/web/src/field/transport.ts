/** The outbox's way to the API: plain fetch with the session cookie; failures become ApiError. */
import { MAX_PHOTO_BYTES, type StopRecord, type Substitution } from '@lookback/fieldwork';
import type { QuizAnswer, QuizResult } from '@lookback/quiz';
import { ApiError, errorFromResponse, NETWORK_FAILURE_MESSAGE } from '../errors.js';
import type { FieldTransport } from './outbox.js';
import type { FieldPacket, StoredPhoto, SyncResult } from './types.js';

const base = (planId: string, date: string) => `/api/my/days/${encodeURIComponent(planId)}/${encodeURIComponent(date)}`;

/** The message for a photo the server would not take because of its size (never a bare 413). */
export const PHOTO_TOO_LARGE = `照片过大，服务器拒收（上限 ${MAX_PHOTO_BYTES / 1048576} MB）：请删除这张照片后重新拍摄`;

async function send(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...init.headers }, body: init.body });
  } catch {
    throw new ApiError(NETWORK_FAILURE_MESSAGE, 0, 'NETWORK');
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw errorFromResponse(response.status, body);
  return body;
}

const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });

export const httpTransport: FieldTransport = {
  async sync(planId, date, body: { deviceId: string; records: StopRecord[]; substitutions: Substitution[] }) {
    return (await send('POST', `${base(planId, date)}/sync`, json(body))) as SyncResult;
  },
  async photo(planId, date, photo: StoredPhoto) {
    try {
      await send('PUT', `${base(planId, date)}/photos/${encodeURIComponent(photo.clientId)}`, {
        body: new Blob([photo.bytes], { type: photo.contentType }),
        headers: { 'Content-Type': photo.contentType, 'X-Photo-Meta': encodeURIComponent(JSON.stringify(photo.meta)) },
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) throw new ApiError(PHOTO_TOO_LARGE, 413, error.code);
      throw error;
    }
  },
  async quiz(planId, date, cadreNo: string, clientId: string, answers: Record<string, QuizAnswer>) {
    return (await send('POST', `${base(planId, date)}/quiz/${encodeURIComponent(cadreNo)}`, json({ clientId, answers }))) as QuizResult;
  },
  async signOff(planId, date, names: string[]) {
    await send('POST', `${base(planId, date)}/sign-off`, json({ names }));
  },
  async reopen(planId, date, reason: string) {
    await send('POST', `${base(planId, date)}/reopen`, json({ reason }));
  },
};

export async function fetchPacket(planId: string, date: string): Promise<FieldPacket> {
  return (await send('GET', `${base(planId, date)}/packet`)) as FieldPacket;
}
