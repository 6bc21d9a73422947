import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('TRUST_PROXY', () => {
  it('believes only a proxy on this host unless told the load balancer', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.2' }).trustProxy).toBe('10.0.0.0/8, 192.0.2.2');
    expect(loadConfig({ TRUST_PROXY: 'loopback,fd00::/8' }).trustProxy).toBe('loopback, fd00::/8');
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('refuses a value Express would not understand', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'the balancer' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
