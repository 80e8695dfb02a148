/**
 * Calendar dates in the Netherlands. Waves open and close on dates, and responses carry
 * dates only (never a time of day), so "today" is the Dutch calendar day.
 */
const dutchDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 'YYYY-MM-DD' in Europe/Amsterdam. */
export function today(now: Date = new Date()): string {
  return dutchDay.format(now);
}

export type WavePhase = 'not_open' | 'open' | 'closed';

/** A wave is open from the start of `opensOn` to the end of `closesOn`, Dutch time. */
export function wavePhase(
  wave: { opens_on: string; closes_on: string; closed_on?: string | null },
  day: string = today(),
): WavePhase {
  // A wave closed early takes no answers from that day on.
  if (wave.closed_on && day >= wave.closed_on) return 'closed';
  if (day < wave.opens_on) return 'not_open';
  if (day > wave.closes_on) return 'closed';
  return 'open';
}
