/** Small format checks shared by the validators. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A client-generated id: any RFC 4122 UUID (crypto.randomUUID() on the phone). */
export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** An ISO 8601 timestamp with a zone (Z or ±hh:mm), as a phone's `new Date().toISOString()` writes it. */
export function isIsoTimestamp(s: unknown): s is string {
  return typeof s === 'string' && ISO.test(s) && !Number.isNaN(Date.parse(s));
}

export function isFiniteNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** Problems with a GPS fix, as Chinese messages prefixed by `label`. */
export function positionProblems(p: { lat: unknown; lng: unknown; accuracy: unknown }, label: string): string[] {
  const problems: string[] = [];
  if (!isFiniteNumber(p.lat) || p.lat < -90 || p.lat > 90) problems.push(`${label}纬度无效`);
  if (!isFiniteNumber(p.lng) || p.lng < -180 || p.lng > 180) problems.push(`${label}经度无效`);
  if (!isFiniteNumber(p.accuracy) || p.accuracy < 0) problems.push(`${label}精度无效`);
  return problems;
}
