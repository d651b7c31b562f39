// Parses CLI durations like 90s, 15m, 12h, 30d into seconds (60 s to 366 days), or null.
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds >= 60 && seconds <= 366 * 86400 ? seconds : null;
}
