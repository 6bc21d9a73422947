/**
 * The last signed-in account, kept on the phone so that the app still opens in a village without
 * signal (the API cannot be asked "who am I?"). Only used when the API cannot be reached at all;
 * any answer from the API (401 included) wins. Cleared on sign-out.
 */
import type { SessionUserDto } from '@lookback/contracts';

const KEY = 'lookback:last-user';

export function rememberUser(user: SessionUserDto): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(user));
  } catch {
    // Private browsing: the app then needs the network to open.
  }
}

export function rememberedUser(): SessionUserDto | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    const user = raw ? (JSON.parse(raw) as SessionUserDto) : null;
    return user && typeof user.id === 'string' && typeof user.role === 'string' ? user : null;
  } catch {
    return null;
  }
}

export function forgetUser(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
