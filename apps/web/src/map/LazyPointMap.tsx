/**
 * Leaflet is a third of the bundle: load it only when a screen shows a map, so the overview opens
 * fast on a phone in the field.
 */
import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../components/Status.js';

const PointMapModule = lazy(() => import('./PointMap.js').then((m) => ({ default: m.PointMap })));

export function PointMap(props: ComponentProps<typeof PointMapModule>) {
  return (
    <Suspense fallback={<Loading text="正在加载地图…" />}>
      <PointMapModule {...props} />
    </Suspense>
  );
}
