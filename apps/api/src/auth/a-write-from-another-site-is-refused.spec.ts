import { describe, expect, it } from 'vitest';
import { crossSiteWrite } from './same-origin.js';

const request = (method: string, headers: Record<string, string> = {}) => ({ method, headers });
const HOST = 'lookback.county.gov.cn';

describe('crossSiteWrite', () => {
  it("refuses a write whose Origin is another site's, with or without Sec-Fetch-Site", () => {
    expect(crossSiteWrite(request('POST', { origin: 'https://evil.example', cookie: 'lookback_session=x' }), HOST, [])).toBe(true);
    expect(crossSiteWrite(request('PUT', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }), HOST, [])).toBe(true);
    // A sibling subdomain is "same-site" to the browser, so SameSite=Strict cookies go along: refused too.
    expect(crossSiteWrite(request('POST', { 'sec-fetch-site': 'same-site', origin: 'https://blog.county.gov.cn' }), HOST, [])).toBe(true);
    expect(crossSiteWrite(request('DELETE', { origin: 'null' }), HOST, [])).toBe(true);
    expect(crossSiteWrite(request('POST', { origin: 'not a url' }), HOST, [])).toBe(true);
  });

  it('lets through reads, same-origin writes, configured CORS origins, bearer-token clients and clients without Origin', () => {
    expect(crossSiteWrite(request('GET', { origin: 'https://evil.example' }), HOST, [])).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' }), HOST, [])).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'http://localhost:3000' }), 'localhost:3000', [])).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'https://ops.county.gov.cn', 'sec-fetch-site': 'same-site' }), HOST, ['https://ops.county.gov.cn'])).toBe(false);
    expect(crossSiteWrite(request('POST', { origin: 'https://evil.example', authorization: 'Bearer abc' }), HOST, [])).toBe(false);
    expect(crossSiteWrite(request('POST', {}), HOST, [])).toBe(false);
  });
});
