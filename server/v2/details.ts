/** "10 minutes", "60 minutes", "14 days": how OTS words a secret's natural lifetime. */
export function naturalDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return unit(seconds, 'second');
  if (seconds <= 3600) return unit(Math.round(seconds / 60), 'minute');
  if (seconds <= 86_400) return unit(Math.round(seconds / 3600), 'hour');
  return unit(Math.round(seconds / 86_400), 'day');
}

/** OTS sizes the reveal box by the value: a line per 80 characters and per newline, plus 3, at most 30. */
export function displayLines(value: string | undefined): number {
  const v = value ?? '';
  return Math.min(30, Math.floor((80 + v.length) / 80) + (v.match(/\n/g)?.length ?? 0) + 3);
}

export function oneLiner(value: string | undefined): boolean | null {
  if (value === undefined || value === '') return null;
  return !value.includes('\n');
}

/** details of a secret preview (GET /secret/:id), the same in both eras. */
export function previewDetails(isOwner: boolean) {
  return {
    continue: false,
    is_owner: isOwner,
    show_secret: false,
    correct_passphrase: false,
    display_lines: 4,
    one_liner: null,
  };
}

/** details of a successful reveal, the same in both eras. */
export function revealDetails(value: string, isOwner: boolean) {
  return {
    continue: true,
    is_owner: isOwner,
    show_secret: true,
    correct_passphrase: true,
    display_lines: displayLines(value),
    one_liner: oneLiner(value),
  };
}
