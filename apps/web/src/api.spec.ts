import { afterEach, describe, expect, it, vi } from 'vitest';
import { allHouseholds, api, buildUrl, onUnauthorized, templateUrl } from './api.js';
import { ApiError } from './errors.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API client', () => {
  it('leaves empty filters out of the query string', () => {
    expect(buildUrl('/api/projects', { year: 2023, town: '', village: null })).toBe('/api/projects?year=2023');
    expect(buildUrl('/api/towns')).toBe('/api/towns');
  });

  it('rejects with the network message when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.towns()).rejects.toMatchObject({ message: '网络连接失败，请稍后重试', status: 0 });
  });

  it('rejects with the API message of an error body', async () => {
    const body = { statusCode: 404, code: 'NOT_FOUND', message: '行政村不存在' };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status: 404 })));
    const error = await api.households('411322100001', { page: 1, pageSize: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('行政村不存在');
  });

  it('asks for the village households with paging and search', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ items: [], total: 0, page: 2, pageSize: 50 })));
    vi.stubGlobal('fetch', fetchMock);
    await api.households('411322100001', { page: 2, pageSize: 50, q: '张' });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/villages/411322100001/households?page=2&pageSize=50&q=%E5%BC%A0');
  });

  it('rejects a successful answer that is not JSON (e.g. the app page served for an unknown /api path)', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<!doctype html><html></html>', { status: 200 })));
    await expect(api.overview()).rejects.toMatchObject({ message: '服务器返回了无法识别的数据' });
  });

  it('links import templates by kind and format', () => {
    expect(templateUrl('households', 'xlsx')).toBe('/api/imports/templates/households.xlsx');
    expect(templateUrl('cadres', 'csv')).toBe('/api/imports/templates/cadres.csv');
  });
});

describe('all households of a village for the map', () => {
  it('collects every page until the total is reached', async () => {
    const fetchMock = vi.fn((url: string) => {
      const page = Number(new URL(url, 'http://x').searchParams.get('page'));
      const items = page === 1 ? [{ householdNo: 'H1' }, { householdNo: 'H2' }] : page === 2 ? [{ householdNo: 'H3' }] : [];
      return Promise.resolve(new Response(JSON.stringify({ items, total: 3, page, pageSize: 2 })));
    });
    vi.stubGlobal('fetch', fetchMock);
    const households = await allHouseholds('411322100001');
    expect(households.map((h) => h.householdNo)).toEqual(['H1', 'H2', 'H3']);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('retries with a smaller page size when the API refuses a page of 500', async () => {
    const fetchMock = vi.fn((url: string) => {
      const pageSize = Number(new URL(url, 'http://x').searchParams.get('pageSize'));
      if (pageSize > 100) {
        return Promise.resolve(new Response(JSON.stringify({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'pageSize 不能大于 100' }), { status: 400 }));
      }
      return Promise.resolve(new Response(JSON.stringify({ items: [{ householdNo: 'H1' }], total: 1, page: 1, pageSize })));
    });
    vi.stubGlobal('fetch', fetchMock);
    expect((await allHouseholds('411322100001')).map((h) => h.householdNo)).toEqual(['H1']);
  });
});

describe('session', () => {
  const answer = (status: number, body: unknown) => vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status }));

  it('tells the app the session is gone when any call answers 401', async () => {
    const lost = vi.fn();
    const stop = onUnauthorized(lost);
    vi.stubGlobal('fetch', answer(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' }));
    await expect(api.towns()).rejects.toMatchObject({ status: 401, message: '请先登录' });
    stop();
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('shows a wrong password as the API words it, without treating it as a lost session', async () => {
    const lost = vi.fn();
    const stop = onUnauthorized(lost);
    vi.stubGlobal('fetch', answer(429, { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: '请在 15 分钟后再试' }));
    await expect(api.login('planner', 'x')).rejects.toMatchObject({ status: 429, message: '请在 15 分钟后再试' });
    vi.stubGlobal('fetch', answer(401, { statusCode: 401, code: 'BAD_CREDENTIALS', message: '用户名或密码错误' }));
    await expect(api.login('planner', 'x')).rejects.toMatchObject({ status: 401, message: '用户名或密码错误' });
    stop();
    expect(lost).not.toHaveBeenCalled();
  });

  it('posts JSON with the same-origin session cookie and accepts an empty 204 answer', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(api.changePassword('old-password', 'new-password-1')).resolves.toBeNull();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/auth/password');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: JSON.stringify({ currentPassword: 'old-password', newPassword: 'new-password-1' }) });
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });
});
