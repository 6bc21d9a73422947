import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes. */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the account does not exist, so timing does not reveal which usernames exist. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$UiDnQyAvTsnZMQVzWcdl1A$DKprpKLrhdpbx+fyJ20ybPv+Zywn9sgDrBX13ammZXI';

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 个字符';
  if (password.length > 200) return '密码最长 200 个字符';
  return null;
}
