/** What to tell an inspector when the phone will not say where it is (GeolocationPositionError codes). */
export function geolocationErrorMessage(code: number | 'unsupported', secureContext: boolean): string {
  if (code === 'unsupported') return '此浏览器不支持定位，请对照地图和列表前往下一站';
  if (code === 1) {
    return secureContext
      ? '未获得定位权限：请在浏览器或手机设置中允许本网站使用位置信息，然后再点“我的位置”'
      : '浏览器只在 HTTPS 网址下提供定位：请让管理员为本系统配置 HTTPS';
  }
  if (code === 2) return '暂时无法获取位置（室内或信号弱），请到开阔处再试';
  return '定位超时，正在继续尝试…';
}
