import * as pulumi from '@pulumi/pulumi';
import { OneTimeSecret } from 'ots-handoff/pulumi';

const config = new pulumi.Config();

// OTS generates the database admin password; the program gets it as a secret output for the database, and the
// recipient gets an email with a link that shows it exactly once. Changing anything below (length, ttl,
// recipient, passphrase, OTS server) replaces the handoff: a new password, a new link, the old link burned.
const handoff = new OneTimeSecret('db-admin', {
  generate: true,
  length: 24,
  ttl: '2d',
  recipient: config.require('recipient'),
  // Optional: a passphrase to tell the recipient another way (pulumi config set --secret passphrase …).
  passphrase: config.getSecret('passphrase'),
});

// Give the password to the database resource, for example:
//   new aws.rds.Instance('db', { ..., username: 'admin', password: handoff.value });
export const dbAdminPassword = handoff.value;

export const link = handoff.secretUrl;
export const linkState = handoff.state;
export const linkExpiresAt = handoff.expiresAt;
export const warnings = handoff.warnings;
