import { RoutingError } from './errors.js';
import { assertLatLng, distanceMatrix, type LatLng } from './geo.js';
import { type SolveTourOptions, solveTour } from './tour.js';

/** A place the supervision team (督查组) must visit: a household, a project site or an asset. */
export interface RouteStop {
  id: string;
  lat: number;
  lng: number;
}

export type RouteDayOptions = Pick<SolveTourOptions, 'seed' | 'restarts' | 'closed'>;

export interface DayRoute {
  /** Stop ids in visiting order (the start is not a stop and is not listed). */
  order: string[];
  /**
   * Great-circle metres of each leg: `legsM[k]` leads into `order[k]` (from the start for k = 0);
   * for a closed day one more entry, the drive back to the start.
   */
  legsM: number[];
  /** Sum of `legsM`: the length of the whole day's route in metres. */
  totalM: number;
  method: 'exact' | 'heuristic';
}

/**
 * One day of a supervision team: leave the start point (乡镇政府, hotel), visit every stop and,
 * unless `closed: false`, come back. Distances are great-circle, so legs are lower bounds of
 * the road distance; use solveTour with an OSRM matrix when road times matter.
 */
export function routeDay(start: LatLng, stops: readonly RouteStop[], options: RouteDayOptions = {}): DayRoute {
  const { closed = true } = options;
  assertLatLng(start, 'start');
  const seen = new Set<string>();
  stops.forEach((stop, k) => {
    if (seen.has(stop.id)) throw new RoutingError('BAD_OPTION', `stop id "${stop.id}" appears twice`);
    seen.add(stop.id);
    assertLatLng(stop, `stop "${stop.id}" (#${k + 1})`);
  });
  const matrix = distanceMatrix([start, ...stops]);
  const tour = solveTour(matrix, { ...options, start: 0, closed });
  const legsM: number[] = [];
  for (let k = 1; k < tour.order.length; k++) legsM.push(matrix[tour.order[k - 1]][tour.order[k]]);
  if (closed && stops.length > 0) legsM.push(matrix[tour.order[tour.order.length - 1]][0]);
  return {
    order: tour.order.slice(1).map((index) => stops[index - 1].id),
    legsM,
    totalM: legsM.reduce((sum, leg) => sum + leg, 0),
    method: tour.method,
  };
}
