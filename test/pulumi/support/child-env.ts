// The environment for a child process in these tests: this process's, so the platform basics stay (Windows needs
// SystemRoot and friends), minus any OTS_* connection a developer's shell may carry, plus what the test sets.
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !entry[0].toUpperCase().startsWith('OTS_'),
  );
  return { ...Object.fromEntries(inherited), ...extra };
}
