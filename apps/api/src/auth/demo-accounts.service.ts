import { Injectable, Logger } from '@nestjs/common';
import { RegionsRepository } from '../regions/regions.repository.js';
import { hashPassword } from './passwords.js';
import type { Role } from './roles.js';
import { UsersRepository } from './users.repository.js';

export const DEMO_PASSWORD = 'lookback-demo';

/**
 * The demo accounts (demo mode only; outside it there are no default passwords and the first
 * admin is created with `npm run admin -- create-admin`).
 */
@Injectable()
export class DemoAccountsService {
  private readonly logger = new Logger(DemoAccountsService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly regions: RegionsRepository,
  ) {}

  async ensure(): Promise<void> {
    const towns = await this.regions.findTownsWithCounts();
    const firstTown = towns[0]?.code ?? null;
    const accounts: { username: string; displayName: string; role: Role; scopeTowns: string[] | null }[] = [
      { username: 'admin', displayName: '系统管理员', role: 'admin', scopeTowns: null },
      { username: 'planner', displayName: '督查组长（演示）', role: 'planner', scopeTowns: null },
      { username: 'inspector1', displayName: '督查员一（第一组）', role: 'inspector', scopeTowns: null },
      { username: 'inspector2', displayName: '督查员二（第二组）', role: 'inspector', scopeTowns: null },
      { username: 'leader', displayName: '县领导（演示）', role: 'leader', scopeTowns: null },
      { username: 'rectifier', displayName: `责任单位（${towns[0]?.name ?? '乡镇'}）`, role: 'rectifier', scopeTowns: firstTown ? [firstTown] : [] },
    ];
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let created = 0;
    for (const account of accounts) {
      if (await this.users.findByUsername(account.username)) continue;
      await this.users.insert({ ...account, passwordHash });
      created++;
    }
    if (created) this.logger.log(`created ${created} demo accounts (password ${DEMO_PASSWORD})`);
  }
}
