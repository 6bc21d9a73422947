/**
 * Masking of personal data (个人信息脱敏) where it is not needed: 张*明, 138****0797.
 */

/** 张三 → 张*, 张三明 → 张*明, 欧阳小明 → 欧**明. Empty stays empty. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 13812340797 → 138****0797; other numbers keep their first 3 and last 2-4 characters. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.trim();
  if (digits.length >= 11) return digits.slice(0, 3) + '****' + digits.slice(-4);
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return digits.slice(0, 2) + '*'.repeat(digits.length - 4) + digits.slice(-2);
}
