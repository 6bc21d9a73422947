/** Kinds of town-level unit (乡级区划) by statistical code range. */
export type TownKind = '街道' | '镇' | '乡' | '其他';

/** A town-level unit as the statistical division lists it. */
export interface DivisionTown {
  /** 乡镇代码 (12 digits) */
  code: string;
  name: string;
  kind: TownKind;
  /** false for units that are only "like a township" (林场, 开发区: codes 400+). */
  isTownship: boolean;
}

/** 村 = 村民委员会, 社区 = 居民委员会, 其他 = e.g. a forest farm's 虚拟生活区. */
export type DivisionVillageKind = '村' | '社区' | '其他';

/** A village-level unit (村级区划) with its committee suffix removed. */
export interface DivisionVillage {
  /** 村代码 (12 digits) */
  code: string;
  name: string;
  /** 乡镇代码 (12 digits) */
  townCode: string;
  kind: DivisionVillageKind;
}
