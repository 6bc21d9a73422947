/** Leaflet and the cluster plugin load only with the first route map (see LazyPointMap). */
import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../components/Status.js';

const RouteMapModule = lazy(() => import('./RouteMap.js').then((m) => ({ default: m.RouteMap })));

export function RouteMap(props: ComponentProps<typeof RouteMapModule>) {
  return (
    <Suspense fallback={<Loading text="正在加载地图…" />}>
      <RouteMapModule {...props} />
    </Suspense>
  );
}
