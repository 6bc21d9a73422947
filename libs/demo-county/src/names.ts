import { type Rng, WeightedTable } from './random.js';

/**
 * Surnames with their approximate share (%) of China's population (2020 census order), plus a
 * few that are common in 南阳/方城 (牛, 耿, 屈, 翟, 薄...).
 */
const SURNAME_SHARES: readonly (readonly [string, number])[] = [
  ['王', 7.1], ['李', 7.0], ['张', 6.7], ['刘', 5.4], ['陈', 4.5], ['杨', 3.1], ['赵', 2.3], ['黄', 2.2],
  ['周', 2.0], ['吴', 2.0], ['徐', 1.7], ['孙', 1.5], ['马', 1.4], ['朱', 1.4], ['胡', 1.3], ['郭', 1.2],
  ['何', 1.2], ['高', 1.1], ['罗', 1.1], ['林', 1.1], ['梁', 0.85], ['郑', 0.8], ['宋', 0.74], ['谢', 0.74],
  ['唐', 0.67], ['许', 0.63], ['韩', 0.61], ['冯', 0.59], ['邓', 0.59], ['曹', 0.56], ['彭', 0.54], ['曾', 0.52],
  ['肖', 0.51], ['田', 0.51], ['董', 0.5], ['袁', 0.48], ['潘', 0.47], ['于', 0.46], ['蒋', 0.45], ['蔡', 0.45],
  ['余', 0.44], ['杜', 0.43], ['叶', 0.42], ['程', 0.41], ['苏', 0.39], ['魏', 0.39], ['吕', 0.38], ['丁', 0.37],
  ['任', 0.36], ['沈', 0.35], ['姚', 0.34], ['卢', 0.34], ['姜', 0.33], ['崔', 0.32], ['钟', 0.31], ['谭', 0.3],
  ['陆', 0.3], ['汪', 0.29], ['范', 0.29], ['金', 0.28], ['石', 0.27], ['贾', 0.25], ['夏', 0.25], ['付', 0.24],
  ['方', 0.24], ['白', 0.23], ['邹', 0.23], ['孟', 0.22], ['秦', 0.22], ['邱', 0.21], ['江', 0.21], ['尹', 0.21],
  ['薛', 0.2], ['闫', 0.2], ['段', 0.19], ['雷', 0.19], ['侯', 0.19], ['史', 0.18], ['陶', 0.17], ['贺', 0.16],
  ['毛', 0.16], ['郝', 0.16], ['邵', 0.15], ['万', 0.15], ['钱', 0.15], ['武', 0.14], ['戴', 0.14], ['孔', 0.13],
  ['常', 0.13], ['牛', 0.12], ['樊', 0.1], ['耿', 0.1], ['翟', 0.1], ['乔', 0.1], ['邢', 0.1], ['鲁', 0.1],
  ['聂', 0.1], ['庞', 0.1], ['岳', 0.1], ['屈', 0.08], ['申', 0.08], ['靳', 0.06], ['柴', 0.06], ['薄', 0.03],
];

const SURNAMES = new WeightedTable(SURNAME_SHARES);
const SURNAME_SET = new Set(SURNAME_SHARES.map(([s]) => s));
const SURNAME_WEIGHT = new Map(SURNAME_SHARES);

// Heads of rural households were mostly born 1945–1985: names of that era.
const MALE_FIRST = '建国志明永振德金保长红卫新文海春玉学自万庆书全天小继军有俊朝家云东西宝'.split('');
const MALE_SECOND = '国华军民强伟林平生成山峰东杰明亮才安福贵忠武涛勇刚胜利栋顺旺堂喜良松'.split('');
const MALE_SINGLE = '伟强军勇刚磊斌杰涛明超鹏辉亮峰威浩波'.split('');
const FEMALE_TWO = [
  '秀英', '桂英', '玉兰', '秀兰', '桂兰', '凤英', '玉梅', '春梅', '秀珍', '桂芝', '素芳', '秀云', '玉珍', '淑芬',
  '红梅', '翠花', '巧云', '爱荣', '春花', '玉霞', '秀芝', '荣华', '凤兰', '金凤', '丽娟', '小红', '艳丽', '海燕',
];
const FEMALE_SINGLE = '丽英芳娟霞敏静燕红萍华玲梅荣'.split('');

// Place-name characters that follow a clan surname: 陈楼, 赵店, 吴沟, 耿庄, 邵岗...
const SETTLEMENT_CHARS = new Set('庄楼营店沟岗湾寨集桥家屯河坡园洼庙台堂岭'.split(''));
const POSITION_CHARS = new Set('前后东西南北大小上下老新'.split(''));

/**
 * The clan surname a village name suggests (陈楼村 → 陈, 前王岗村 → 王, 大刘村 → 刘), or null.
 * Many villages in 豫西南 are named after the family that settled them.
 */
export function surnameInVillageName(villageName: string): string | null {
  const base = villageName.replace(/(村|社区)$/, '');
  let i = 0;
  if (POSITION_CHARS.has(base[0]) && base.length >= 2 && SURNAME_SET.has(base[1])) i = 1;
  const candidate = base[i];
  if (!SURNAME_SET.has(candidate)) return null;
  const after = base[i + 1];
  return after === undefined || SETTLEMENT_CHARS.has(after) ? candidate : null;
}

/** How a village's surnames are spread: a few clans, then everyone else. */
export class SurnameMix {
  private readonly local: WeightedTable<string>;
  private readonly localShare: number;

  constructor(clans: readonly string[], localShare: number) {
    // The first clan dominates: 50/30/20 of the local share for three clans.
    const splits = [0.5, 0.3, 0.2].slice(0, clans.length);
    const sum = splits.reduce((a, b) => a + b, 0);
    this.local = new WeightedTable(clans.map((s, i) => [s, splits[i] / sum] as const));
    this.localShare = clans.length === 0 ? 0 : localShare;
  }

  draw(rng: Rng): string {
    return rng.chance(this.localShare) ? this.local.draw(rng) : SURNAMES.draw(rng);
  }
}

/** A village's 2–3 dominant clans: the one its name suggests first, then common surnames. */
export function villageClans(rng: Rng, villageName: string): string[] {
  const clans: string[] = [];
  const named = surnameInVillageName(villageName);
  if (named) clans.push(named);
  const want = rng.int(2, 3);
  while (clans.length < want) {
    const s = SURNAMES.draw(rng);
    if (!clans.includes(s)) clans.push(s);
  }
  return clans;
}

export function nationalSurname(rng: Rng): string {
  return SURNAMES.draw(rng);
}

export function isKnownSurname(s: string): boolean {
  return SURNAME_WEIGHT.has(s);
}

export function givenName(rng: Rng, female: boolean): string {
  if (female) return rng.chance(0.8) ? rng.pick(FEMALE_TWO) : rng.pick(FEMALE_SINGLE);
  if (rng.chance(0.2)) return rng.pick(MALE_SINGLE);
  const first = rng.pick(MALE_FIRST);
  let second = rng.pick(MALE_SECOND);
  if (second === first) second = rng.pick(MALE_SECOND);
  return first + second;
}
