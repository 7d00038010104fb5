import { createHash } from 'node:crypto';
import type { DnsRecord } from '../store/dns';
import { badRequest } from '../server/errors';
import type { SslRecord } from '../store/records';

/** Where a custom domain's CNAME must point (inferred contract). */
export const CNAME_TARGET = 'domains.inevent.com';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * `ssl.create`'s `domain`: a bare host name, no scheme, path or port.
 * Inferred: DNS names are case-insensitive, so the value is lower-cased (and trimmed) rather than
 * refused. Labels follow RFC 1123 (1–63 characters, no leading or trailing `-`, at most 253 in
 * all), at least two labels, and the last one not all digits (so an IPv4 address is refused). A
 * trailing dot is refused: the customer types a domain, not a zone-file name.
 */
export function parseDomainName(raw: string): string {
	const domain = raw.trim().toLowerCase();
	const labels = domain.split('.');
	const valid =
		domain.length <= 253 &&
		labels.length >= 2 &&
		labels.every((label) => LABEL.test(label)) &&
		!/^\d+$/.test(labels[labels.length - 1]);
	if (!valid) throw badRequest('domain is not a valid domain name');
	return domain;
}

/**
 * Inferred: the TXT token is derived from the sslID and the domain, so it is fixed at create,
 * the same after a reset, and needs no PRNG draw (which would shift the latency sequence).
 */
export function challengeToken(sslID: string, domain: string): string {
	return createHash('sha256').update(`inevent-sandbox-acme:${sslID}:${domain}`).digest('base64url');
}

/** The two records the customer must publish, CNAME first. */
export function challengeRecords(ssl: SslRecord): DnsRecord[] {
	return [
		{ type: 'CNAME', name: ssl.domain, value: CNAME_TARGET },
		{ type: 'TXT', name: `_acme-challenge.${ssl.domain}`, value: ssl.challengeToken },
	];
}
