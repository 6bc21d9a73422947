import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './masking.js';

describe('masking personal data', () => {
  it('keeps the first and last character of a name', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王')).toBe('王');
  });
  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812340797')).toBe('138****0797');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('0377-6712345')).toBe('037****2345');
  });
});
