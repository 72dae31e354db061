export type EraName = 'current' | 'v0.23';

/** Everything that differs between a v0.23.6 server (the transcripts) and main (v0.24+). */
export interface EraRules {
  name: EraName;
  keyLength: number;
  shortKeyLength: number;
  /** v0.24+ mounts Rack::JSONBodyParser on v1; older servers leave a JSON body unread. */
  v1ParsesJson: boolean;
  passphraseMinLength: number;
  passphraseMaxLength: number | undefined;
  /** v0.23 silently truncates to the plan size (characters); main rejects values over 10,000 bytes. */
  size:
    | { kind: 'truncate'; anonymous: number; basic: number; identity: number }
    | { kind: 'reject'; bytes: number };
  version: [string, string, string];
}

export const ERAS: Record<EraName, EraRules> = {
  'v0.23': {
    name: 'v0.23',
    keyLength: 31,
    shortKeyLength: 6,
    v1ParsesJson: false,
    passphraseMinLength: 8,
    passphraseMaxLength: undefined,
    size: { kind: 'truncate', anonymous: 100_000, basic: 1_000_000, identity: 10_000_000 },
    version: ['0', '23', '6'],
  },
  current: {
    name: 'current',
    keyLength: 62,
    shortKeyLength: 8,
    v1ParsesJson: true,
    passphraseMinLength: 4,
    passphraseMaxLength: 128,
    size: { kind: 'reject', bytes: 10_000 },
    version: ['0', '26', '6'],
  },
};
