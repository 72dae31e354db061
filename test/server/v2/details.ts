/** "10 minutes", "60 minutes", "14 days": how OTS words a secret's natural lifetime. */
export function naturalDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds <= 3600) return unit(Math.round(seconds / 60), 'minute');
  if (seconds <= 86_400) return unit(Math.round(seconds / 3600), 'hour');
  return unit(Math.round(seconds / 86_400), 'day');
}

export function displayLines(value: string | undefined): number {
  if (value === undefined) return 4;
  return Math.max(4, value.split('\n').length + 2);
}

export function oneLiner(value: string | undefined): boolean | null {
  if (value === undefined || value === '') return null;
  return !value.includes('\n');
}
