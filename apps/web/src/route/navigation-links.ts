/**
 * 导航 links: open a stop in the navigation app already on the inspector's phone. The API's
 * coordinates are WGS84; each URL says so (高德 coordinate=wgs84, 百度 coord_type=wgs84), and Apple
 * and Google maps take WGS84 as given, so no conversion happens here.
 */

export type NavigationApp = 'amap' | 'baidu' | 'apple' | 'google';

export interface NavigationTarget {
  lat: number;
  lng: number;
  /** Shown as the marker's title in the app (a village or stop name, never a person's full name). */
  name: string;
}

export interface NavigationLink {
  app: NavigationApp;
  label: string;
  href: string;
}

/** Seven decimals are about a centimetre: more digits only make the URL longer. */
const coordinate = (value: number) => String(Number(value.toFixed(7)));

export function amapUrl({ lat, lng, name }: NavigationTarget): string {
  return `https://uri.amap.com/marker?position=${coordinate(lng)},${coordinate(lat)}&name=${encodeURIComponent(name)}&coordinate=wgs84&callnative=1`;
}

export function baiduUrl({ lat, lng, name }: NavigationTarget): string {
  const title = encodeURIComponent(name);
  return `https://api.map.baidu.com/marker?location=${coordinate(lat)},${coordinate(lng)}&title=${title}&content=${title}&coord_type=wgs84&output=html&src=lookback`;
}

export function appleMapsUrl({ lat, lng, name }: NavigationTarget): string {
  return `https://maps.apple.com/?ll=${coordinate(lat)},${coordinate(lng)}&q=${encodeURIComponent(name)}`;
}

export function googleMapsUrl({ lat, lng }: NavigationTarget): string {
  return `https://www.google.com/maps/search/?api=1&query=${coordinate(lat)},${coordinate(lng)}`;
}

/** In the order most phones in a Chinese county have them installed. */
export function navigationLinks(target: NavigationTarget): NavigationLink[] {
  return [
    { app: 'amap', label: '高德', href: amapUrl(target) },
    { app: 'baidu', label: '百度', href: baiduUrl(target) },
    { app: 'apple', label: 'Apple', href: appleMapsUrl(target) },
    { app: 'google', label: 'Google', href: googleMapsUrl(target) },
  ];
}
