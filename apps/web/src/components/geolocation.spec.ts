import { describe, expect, it } from 'vitest';
import { geolocationErrorMessage } from './geolocation.js';

describe('location problems are explained, not swallowed', () => {
  it('tells a refused permission apart from a page that is not on HTTPS', () => {
    expect(geolocationErrorMessage(1, true)).toContain('允许本网站使用位置信息');
    expect(geolocationErrorMessage(1, false)).toContain('HTTPS');
  });

  it('says when the phone has no fix, when it times out, and when there is no geolocation at all', () => {
    expect(geolocationErrorMessage(2, true)).toContain('无法获取位置');
    expect(geolocationErrorMessage(3, true)).toContain('超时');
    expect(geolocationErrorMessage('unsupported', true)).toContain('不支持定位');
  });
});
