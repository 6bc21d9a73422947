import type { CadreRecord, CadreRole } from '@lookback/contracts';

import { givenName, nationalSurname, SurnameMix } from './names.js';
import type { VillagePlan } from './plan.js';
import { Rng } from './random.js';

// Fake mobile numbers: real-looking prefixes (13x, 15x, 18x), random subscriber digits.
const PHONE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '180', '181', '182', '183', '185', '186', '187', '188', '189'];

/** Hands out fake mobile numbers, never the same one twice in one county. */
export class PhoneBook {
  private readonly used = new Set<string>();

  next(rng: Rng): string {
    for (;;) {
      const phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
      if (!this.used.has(phone)) {
        this.used.add(phone);
        return phone;
      }
    }
  }
}

/** Who works for a village, in the order a roster lists them, and whether they are local. */
function villageRoles(rng: Rng, plan: VillagePlan): { role: CadreRole; local: boolean }[] {
  const roles: { role: CadreRole; local: boolean }[] = [];
  const add = (role: CadreRole, n: number, local: boolean) => {
    for (let i = 0; i < n; i++) roles.push({ role, local });
  };
  // 第一书记 and 驻村工作队 are sent by county departments; 帮扶责任人 are county/town staff.
  if (plan.hasWorkTeam) {
    add('第一书记', 1, false);
    add('驻村工作队员', rng.int(1, 2), false);
  }
  add('村党支部书记', 1, true);
  add('村两委成员', rng.int(3, 5), true);
  add('乡村振兴专干', 1, false);
  // One 网格员 per ~150 households at county scale, 3 to 8.
  add('网格员', Math.min(8, Math.max(3, Math.round(plan.baseHouseholds / 150))), true);
  add('帮扶责任人', plan.villageType === '脱贫村' ? rng.int(6, 10) : rng.int(3, 7), false);
  return roles;
}

/** 干部编号 = GB + village code + 2-digit serial. */
export function villageCadres(seed: string, plan: VillagePlan, phones: PhoneBook): CadreRecord[] {
  const rng = new Rng(`${seed}/cadres/${plan.code}`);
  const locals = new SurnameMix(plan.clans, plan.clanShare);
  const names = new Set<string>();
  return villageRoles(rng, plan).map(({ role, local }, i) => {
    let name: string;
    do {
      const female = rng.chance(role === '村两委成员' || role === '网格员' ? 0.35 : 0.2);
      name = (local ? locals.draw(rng) : nationalSurname(rng)) + givenName(rng, female);
    } while (names.has(name));
    names.add(name);
    return { cadreNo: `GB${plan.code}${String(i + 1).padStart(2, '0')}`, name, role, villageCode: plan.code, phone: phones.next(rng) };
  });
}
