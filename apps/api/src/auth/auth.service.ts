import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { CurrentUser } from './roles.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

export const SESSION_HOURS = 12;
/** Refused logins allowed per account and per address within the window. */
export const LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 };

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: CurrentUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly failures: LoginFailuresRepository,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, address: string, userAgent: string | null): Promise<LoginResult> {
    const now = this.clock.now();
    const name = username.trim().toLowerCase();
    await this.refuseWhenLimited(name, address, now);
    const user = await this.users.findByUsername(name);
    const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !valid) {
      await this.failures.record(name, address, now);
      throw new DomainError(ErrorCode.Unauthenticated, '用户名或密码错误');
    }
    if (user.disabled) throw new DomainError(ErrorCode.AccountDisabled, '该账号已停用，请联系系统管理员');
    await this.failures.clearForUser(name);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
    await this.sessions.insert(tokenHash(token), user.id, expiresAt, address, userAgent);
    const { id, displayName, role, scopeTowns, fullExport } = user;
    return { token, expiresAt, user: { id, username: user.username, displayName, role, scopeTowns, fullExport } };
  }

  private async refuseWhenLimited(username: string, address: string, now: Date): Promise<void> {
    const windowMs = LIMITS.windowMinutes * 60_000;
    const recent = await this.failures.recent(username, address, new Date(now.getTime() - windowMs));
    const oldest = recent.byUser >= LIMITS.perAccount ? recent.oldestUser : recent.byAddress >= LIMITS.perAddress ? recent.oldestAddress : null;
    if (!oldest) return;
    const seconds = Math.max(1, Math.ceil((new Date(oldest).getTime() + windowMs - now.getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    throw new DomainError(ErrorCode.TooManyAttempts, `登录失败次数过多，请在 ${minutes} 分钟后再试`, undefined, seconds);
  }

  userForToken(token: string): Promise<CurrentUser | null> {
    return this.sessions.findUser(tokenHash(token), this.clock.now());
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete(tokenHash(token));
  }

  async changePassword(user: CurrentUser, token: string, current: string, next: string): Promise<void> {
    const row = await this.users.findByUsername(user.username);
    if (!row || !(await verifyPassword(row.passwordHash, current))) throw new DomainError(ErrorCode.ValidationFailed, '当前密码不正确');
    const problem = passwordProblem(next);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
    await this.users.update(user.username, { passwordHash: await hashPassword(next) });
    // Other sessions of this account end: a changed password locks out whoever else had it.
    await this.sessions.deleteForUser(user.id, tokenHash(token));
  }
}
