// A minimal Pulumi program, in the module system of the project it is written into, run under the SDK's mocks:
// it hands a "database password" over with OneTimeSecret and writes to CAPTURE_FILE what the engine would have
// received (the inputs, including the serialized provider `__provider`) and the outputs the program saw.

const body = `
const capture = { resolved: RESOLVED, registrations: [] };
pulumi.runtime.setMocks(
  {
    newResource(args) {
      capture.registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
      return {
        id: args.name + '-id',
        state: { ...args.inputs, secretUrl: 'https://ots.example/secret/mocked', state: 'new', ttl: 3600 },
      };
    },
    call: () => ({}),
  },
  'consumer',
  'dev',
  false,
);
// Stands in for a database resource's password output: a secret the program never sees in clear.
const dbPassword = pulumi.secret(process.env.DB_PASSWORD);
const handoff = new OneTimeSecret('db-admin', {
  secret: dbPassword,
  passphrase: process.env.HANDOFF_PASSPHRASE,
  ttl: '1h',
  recipient: 'dba@example.com',
});
pulumi.all([handoff.urn, handoff.secretUrl, handoff.state, handoff.ttl]).apply(([urn, secretUrl, state, ttl]) => {
  capture.outputs = { urn, secretUrl, state, ttl };
  writeFileSync(process.env.CAPTURE_FILE, JSON.stringify(capture));
});
`;

export function consumerProgram(type: 'commonjs' | 'module'): string {
  if (type === 'commonjs') {
    return `'use strict';
const { writeFileSync } = require('node:fs');
const pulumi = require('@pulumi/pulumi');
const { OneTimeSecret } = require('ots-handoff/pulumi');
const RESOLVED = require.resolve('ots-handoff/pulumi');
${body}`;
  }
  return `import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import { OneTimeSecret } from 'ots-handoff/pulumi';
const RESOLVED = fileURLToPath(import.meta.resolve('ots-handoff/pulumi'));
${body}`;
}

export interface Capture {
  resolved: string;
  registrations: Array<{ type: string; name: string; inputs: Record<string, unknown> }>;
  outputs: { urn: string; secretUrl: string; state: string; ttl: number };
}
