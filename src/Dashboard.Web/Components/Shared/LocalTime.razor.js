// The viewer's offset from UTC at an instant (their daylight saving time included) and their zone's IANA name.
export function viewerZoneAt(iso) {
  return {
    offsetMinutes: -new Date(iso).getTimezoneOffset(),
    name: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
  };
}
