// Where the client talks to: a region of onetimesecret.com or a self-hosted base URL, checked before any request.
import { isIP } from 'node:net';
import { OtsInputError } from './errors/kinds.ts';
import { invalid } from './inputs.ts';
import { REGIONS, RULES } from './rules.ts';

/**
 * The origin (for the dispatcher), a self-hosted install's path prefix ('' or '/ots') and their join, baseUrl: no
 * trailing slash, since API paths and links are appended to it.
 */
export function resolveEndpoint(options: { region?: string; baseUrl?: string; allowInsecureHttp?: boolean }) {
  const { region = RULES.region.default, baseUrl } = options;
  if (options.region !== undefined && baseUrl !== undefined) {
    throw new OtsInputError('region and baseUrl: set one, not both (region is for onetimesecret.com).', {
      field: 'region',
    });
  }
  if (baseUrl !== undefined) return fromBaseUrl(baseUrl, options.allowInsecureHttp === true);
  if (!(REGIONS as readonly string[]).includes(region)) {
    throw invalid('region', `${JSON.stringify(region)} is not a region; use one of ${REGIONS.join(', ')}.`);
  }
  const origin = `https://${region}.onetimesecret.com`;
  return { origin, prefix: '', baseUrl: origin };
}

function fromBaseUrl(text: string, allowInsecureHttp: boolean) {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalid('baseUrl', 'not a URL; use e.g. https://secrets.example.com or http://127.0.0.1:7143.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('baseUrl', `${url.protocol} is not supported; use https:// (or http:// to loopback).`);
  }
  // Credentials in a URL end up in logs and proxies; they belong in username/apiToken.
  if (url.username !== '' || url.password !== '') {
    throw invalid('baseUrl', 'must not contain credentials; pass username and apiToken instead.');
  }
  if (url.search !== '' || url.hash !== '') throw invalid('baseUrl', 'must not contain a query or fragment.');
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw invalid(
      'baseUrl',
      `plain http:// to ${url.hostname} would send secrets and credentials unencrypted; use https://, ` +
        'or set allowInsecureHttp: true if this network path is trusted. Plain http is allowed to loopback only.',
    );
  }
  // An /api or /api/v1 suffix is a common copy-paste from API docs; paths are built from the site root.
  const prefix = url.pathname.replace(/\/+$/, '').replace(/\/api(?:\/v[12])?$/, '');
  return { origin: url.origin, prefix, baseUrl: url.origin + prefix };
}

// Only names that cannot leave the machine: `localhost` itself (from the hosts file) and loopback literals.
// Subdomains of localhost are resolved through DNS by the system resolver, so they could point anywhere.
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}
