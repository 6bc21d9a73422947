import { useEffect, useState } from 'react';
import type { MyPosition } from '../map/types.js';
import { geolocationErrorMessage } from './geolocation.js';

export type GeoState =
  | { status: 'off' }
  | { status: 'waiting' }
  | { status: 'ok'; position: MyPosition }
  /** `position`: the last fix before the error (a timeout while walking keeps the old dot). */
  | { status: 'error'; message: string; position: MyPosition | null };

/** The phone's position while `enabled`, from navigator.geolocation.watchPosition. */
export function useGeolocation(enabled: boolean): GeoState {
  const [state, setState] = useState<GeoState>({ status: 'off' });
  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off' });
      return;
    }
    if (!('geolocation' in navigator)) {
      setState({ status: 'error', message: geolocationErrorMessage('unsupported', window.isSecureContext), position: null });
      return;
    }
    setState({ status: 'waiting' });
    const id = navigator.geolocation.watchPosition(
      (p) => setState({ status: 'ok', position: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy } }),
      (error) =>
        setState((current) => ({
          status: 'error',
          message: geolocationErrorMessage(error.code, window.isSecureContext),
          // Only a timeout keeps the last known position: a refused permission means we know nothing.
          position: error.code === 3 && (current.status === 'ok' || current.status === 'error') ? (current.position ?? null) : null,
        })),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [enabled]);
  return state;
}
