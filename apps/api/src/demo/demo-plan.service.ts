import { Injectable, Logger } from '@nestjs/common';
import { addDays, chinaDate } from '@lookback/contracts';
import { UsersRepository } from '../auth/users.repository.js';
import { Clock } from '../common/clock.js';
import { PlansRepository } from '../plans/plans.repository.js';
import { PlansService } from '../plans/plans.service.js';
import { TeamsService } from '../teams/teams.service.js';

/**
 * In demo mode, one sealed plan with two teams visiting today and tomorrow, so that inspector1
 * and inspector2 each find a route on their phone right after `npm start`.
 */
@Injectable()
export class DemoPlanService {
  private readonly logger = new Logger(DemoPlanService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly plans: PlansService,
    private readonly planRows: PlansRepository,
    private readonly teams: TeamsService,
    private readonly clock: Clock,
  ) {}

  async ensure(): Promise<void> {
    const planner = await this.users.findByUsername('planner');
    if (!planner || (await this.planRows.findSummaries(null, ['draft', 'sealed', 'revealed', 'completed'])).length) return;
    const { plan } = await this.plans.create(planner, 'demo', { name: '演示：巩固拓展脱贫攻坚成果“回头看”督查（第一批）', perTown: 1 });
    const county = { lat: 33.2544, lng: 113.0125 };
    await this.teams.create(planner, plan.id, { name: '第一督查组', startLabel: '方城县人民政府', startLat: county.lat, startLng: county.lng, members: ['inspector1'] });
    await this.teams.create(planner, plan.id, { name: '第二督查组', startLabel: '县城宾馆', startLat: county.lat + 0.01, startLng: county.lng - 0.01, members: ['inspector2'] });
    const today = chinaDate(this.clock.now());
    const tomorrow = addDays(today, 1);
    await this.teams.autoSchedule(planner, plan.id, [today, tomorrow]);
    await this.plans.seal(planner, 'demo', plan.id);
    this.logger.log(`demo plan sealed: ${plan.villageCodes.length} villages, visits ${today} and ${tomorrow}`);
  }
}
