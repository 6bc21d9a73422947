/**
 * Region codes: 统计用区划代码 are 12 digits, 省2 市2 县2 乡镇3 村3, so a village's town is the
 * village code's first nine digits padded with zeros.
 */
export function townCodeOfVillage(villageCode: string): string | null {
  if (!/^\d{12}$/.test(villageCode)) return null;
  return `${villageCode.slice(0, 9)}000`;
}
