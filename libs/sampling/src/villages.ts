import { SamplingError } from './errors.js';
import { compareCodePoints, normaliseSeed } from './text.js';
import { TicketHasher } from './tickets.js';

export const VILLAGE_PURPOSE = 'village';

export interface VillageCandidate {
  /** 村代码 */
  code: string;
  /** 乡镇代码 */
  townCode: string;
}

/**
 * k villages per town (抽查村), drawn with the same public tickets as households:
 * ticket = SHA-256(seed ‖ 0x00 ‖ "village" ‖ 0x00 ‖ 村代码); within each town the k smallest
 * tickets are drawn. A town with k villages or fewer is taken whole. Sorted by 村代码.
 */
export function drawVillages(seed: string, villages: readonly VillageCandidate[], perTown: number): string[] {
  if (!Number.isInteger(perTown) || perTown < 1) throw new SamplingError('INVALID_SETTINGS', `perTown must be a whole number ≥ 1, got ${perTown}`, `每个乡镇抽取的村数应为不小于 1 的整数，现为 ${perTown}`);
  const normalised = normaliseSeed(seed);
  const byTown = new Map<string, { code: string; ticket: string }[]>();
  const hasher = new TicketHasher(normalised, VILLAGE_PURPOSE);
  for (const v of villages) {
    const list = byTown.get(v.townCode) ?? [];
    list.push({ code: v.code, ticket: hasher.ticketHex(v.code) });
    byTown.set(v.townCode, list);
  }
  const drawn: string[] = [];
  for (const list of byTown.values()) {
    list.sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : compareCodePoints(a.code, b.code)));
    for (const v of list.slice(0, perTown)) drawn.push(v.code);
  }
  return drawn.sort(compareCodePoints);
}
