/**
 * @lookback/routing — visiting order for a supervision team's day (督查组 路线): from the start
 * point through households, projects and assets and back. Pure: no network, no clock but
 * performance.now() in the quality report, seeded randomness only.
 */
export { RoutingError, type RoutingErrorCode } from './errors.js';
export { distanceMatrix, EARTH_RADIUS_M, haversineMeters, type LatLng } from './geo.js';
export { osrmTableUrl, parseOsrmTable } from './osrm.js';
export { type CostMatrix, routeCost } from './problem.js';
export {
  type ExactComparison,
  type LargeComparison,
  routeQualityReport,
  type RouteQualityReport,
} from './quality.js';
export { type AssignTeam, type AssignVillage, assignVillages, type VillageAssignment } from './assign.js';
export { type DayRoute, routeDay, type RouteDayOptions, type RouteStop } from './route-day.js';
export {
  DEFAULT_RESTARTS,
  DEFAULT_SEED,
  EXACT_MAX_STOPS,
  type Insertion,
  insertCheapest,
  solveTour,
  type SolveTourOptions,
  type Tour,
} from './tour.js';
