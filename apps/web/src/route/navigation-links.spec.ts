import { describe, expect, it } from 'vitest';
import { amapUrl, appleMapsUrl, baiduUrl, googleMapsUrl, navigationLinks } from './navigation-links.js';

const stop = { lat: 33.2544, lng: 113.0125, name: '张庄村 3号户' };

describe('navigation links open a stop in the phone’s map apps', () => {
  it('gives 高德 longitude first, marked as WGS84, asking for the native app', () => {
    const url = new URL(amapUrl(stop));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('113.0125,33.2544');
    expect(url.searchParams.get('name')).toBe('张庄村 3号户');
    expect(url.searchParams.get('coordinate')).toBe('wgs84');
    expect(url.searchParams.get('callnative')).toBe('1');
  });

  it('gives 百度 latitude first, marked as WGS84, with title and content', () => {
    const url = new URL(baiduUrl(stop));
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    expect(url.searchParams.get('location')).toBe('33.2544,113.0125');
    expect(url.searchParams.get('title')).toBe('张庄村 3号户');
    expect(url.searchParams.get('content')).toBe('张庄村 3号户');
    expect(url.searchParams.get('coord_type')).toBe('wgs84');
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('src')).toBe('lookback');
  });

  it('gives Apple and Google maps latitude first', () => {
    expect(appleMapsUrl(stop)).toBe('https://maps.apple.com/?ll=33.2544,113.0125&q=%E5%BC%A0%E5%BA%84%E6%9D%91%203%E5%8F%B7%E6%88%B7');
    expect(googleMapsUrl(stop)).toBe('https://www.google.com/maps/search/?api=1&query=33.2544,113.0125');
  });

  it('escapes names that would otherwise break the URL', () => {
    const url = new URL(amapUrl({ ...stop, name: 'A&B=C #1' }));
    expect(url.searchParams.get('name')).toBe('A&B=C #1');
    expect(url.searchParams.get('coordinate')).toBe('wgs84');
  });

  it('trims float noise from coordinates without moving them', () => {
    const url = new URL(googleMapsUrl({ lat: 33.1 + 0.2, lng: 113.000000049, name: 'x' }));
    expect(url.searchParams.get('query')).toBe('33.3,113');
  });

  it('lists 高德, 百度, Apple and Google in that order', () => {
    expect(navigationLinks(stop).map((l) => l.label)).toEqual(['高德', '百度', 'Apple', 'Google']);
  });
});
