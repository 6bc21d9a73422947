import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { hashPassword } from '../auth/passwords.js';
import { type CurrentUser, type Role, ROLE_LABELS } from '../auth/roles.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { type UserRow, UsersRepository } from '../auth/users.repository.js';

export interface UserDto extends CurrentUser {
  roleLabel: string;
  disabled: boolean;
  createdAt: string;
}

const toDto = ({ passwordHash: _, createdAt, ...user }: UserRow): UserDto => ({ ...user, roleLabel: ROLE_LABELS[user.role], createdAt: createdAt.toISOString() });

/** Account administration (admins only, by the access matrix). */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  async list(): Promise<UserDto[]> {
    return (await this.users.findAll()).map(toDto);
  }

  async create(input: { username: string; displayName: string; role: Role; scopeTowns?: string[] | null; password: string }): Promise<UserDto> {
    if (await this.users.findByUsername(input.username)) throw new DomainError(ErrorCode.Conflict, `用户名 ${input.username} 已存在`);
    const row = await this.users.insert({ ...input, scopeTowns: input.scopeTowns ?? null, passwordHash: await hashPassword(input.password) });
    return toDto(row);
  }

  async update(
    actor: CurrentUser,
    username: string,
    changes: { displayName?: string; role?: Role; scopeTowns?: string[] | null; disabled?: boolean; fullExport?: boolean; password?: string },
  ): Promise<UserDto> {
    if (username === actor.username && (changes.disabled === true || (changes.role && changes.role !== 'admin'))) {
      throw new DomainError(ErrorCode.Conflict, '不能停用自己的账号或取消自己的管理员角色');
    }
    const { password, ...rest } = changes;
    const row = await this.users.update(username, { ...rest, passwordHash: password === undefined ? undefined : await hashPassword(password) });
    if (!row) throw notFound(`用户 ${username} `);
    // Disabling, a new role or a reset password ends the account's sessions.
    if (changes.disabled || changes.role || password !== undefined || changes.scopeTowns !== undefined) await this.sessions.deleteForUser(row.id);
    return toDto(row);
  }
}
