import { EMAIL_MATCH_MODES, isEmailMatchMode } from './control/emailMatch';
import { isErrorStyle } from './server/errors';
import { startSandbox, SANDBOX_FIXTURES, type SandboxOptions } from './index';
import { describeLatency, parseLatency } from './faults/latency';
import { isOperateContentMode, OPERATE_CONTENT_MODES } from './control/operateContent';
import {
	isWebhookCompanyScope,
	isWebhookPayloadShape,
	WEBHOOK_COMPANY_SCOPES,
	WEBHOOK_PAYLOAD_SHAPES,
} from './webhooks/settings';

const USAGE = `npm run sandbox -- [options]
  --port N                   default 8787 (0 picks a free port)
  --seed-events N            extra generated events in the fixture company
  --seed-attendees N         extra generated attendees in eventA
  --token-ttl SECONDS        lifetime of minted tokens (default 3600)
  --error-style json|text|reason
  --latency MS | MIN-MAX     fixed delay, or a range drawn per request (e.g. 200-400)
  --seed N                   PRNG seed for ranged latency (default 1)
  --no-rate-limits           do not enforce the rate limits (on by default here, unlike startSandbox())
  --per-token-per-second N   default 10 (documented limit)
  --per-client-per-second N  default 100 (documented limit)
  --operate-content accepted|refused|ignored|answersIgnored
                             event.person.operate's multi-field form (content): default accepted
  --email-match caseInsensitive|exact
                             how a person is matched by email or username: default caseInsensitive
  --webhook-payload nested|flat          webhook payload shape (default nested)
  --webhook-retries N                    extra attempts of a delivery not answered 2xx (default 0)
  --webhook-retry-delay MS               wait before a retry (default 1000)
  --webhook-timeout MS                   one delivery attempt's limit (default 10000)
  --webhook-company-scope allEvents|eventCreatedOnly
                             which changes company-level hooks hear (default allEvents)
  --help`;

/** Unlike `startSandbox()`, the CLI enforces the rate limits by default: it stands in for the real host. */
function parseArgs(argv: readonly string[]): SandboxOptions {
	const options: SandboxOptions = { port: 8787, rateLimits: true };
	const numberAfter = (flag: string, index: number): number => {
		const value = Number(argv[index + 1]);
		if (argv[index + 1] === undefined || !Number.isFinite(value)) throw new Error(`${flag} needs a number`);
		return value;
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		switch (flag) {
			case '--port':
				options.port = numberAfter(flag, i++);
				break;
			case '--seed-events':
				options.seedEvents = numberAfter(flag, i++);
				break;
			case '--seed-attendees':
				options.seedAttendees = numberAfter(flag, i++);
				break;
			case '--token-ttl':
				options.tokenTtlSeconds = numberAfter(flag, i++);
				break;
			case '--latency':
				options.latencyMs = parseLatency(argv[++i] ?? '');
				break;
			case '--seed':
				options.seed = numberAfter(flag, i++);
				break;
			case '--no-rate-limits':
				options.rateLimits = false;
				break;
			case '--per-token-per-second':
				options.perTokenPerSecond = numberAfter(flag, i++);
				break;
			case '--per-client-per-second':
				options.perClientPerSecond = numberAfter(flag, i++);
				break;
			case '--operate-content': {
				const mode = argv[++i];
				if (!isOperateContentMode(mode)) {
					throw new Error(`--operate-content must be one of ${OPERATE_CONTENT_MODES.join(', ')}`);
				}
				options.operateContent = mode;
				break;
			}
			case '--email-match': {
				const mode = argv[++i];
				if (!isEmailMatchMode(mode)) throw new Error(`--email-match must be one of ${EMAIL_MATCH_MODES.join(', ')}`);
				options.emailMatch = mode;
				break;
			}
			case '--webhook-payload': {
				const shape = argv[++i];
				if (!isWebhookPayloadShape(shape)) {
					throw new Error(`--webhook-payload must be one of ${WEBHOOK_PAYLOAD_SHAPES.join(', ')}`);
				}
				options.webhookPayload = shape;
				break;
			}
			case '--webhook-retries':
				options.webhookRetries = numberAfter(flag, i++);
				break;
			case '--webhook-retry-delay':
				options.webhookRetryDelayMs = numberAfter(flag, i++);
				break;
			case '--webhook-timeout':
				options.webhookTimeoutMs = numberAfter(flag, i++);
				break;
			case '--webhook-company-scope': {
				const scope = argv[++i];
				if (!isWebhookCompanyScope(scope)) {
					throw new Error(`--webhook-company-scope must be one of ${WEBHOOK_COMPANY_SCOPES.join(', ')}`);
				}
				options.webhookCompanyScope = scope;
				break;
			}
			case '--error-style': {
				const style = argv[++i];
				if (!isErrorStyle(style)) throw new Error('--error-style must be json, text or reason');
				options.errorStyle = style;
				break;
			}
			default:
				throw new Error(`unknown option ${flag}`);
		}
	}
	return options;
}

async function main(): Promise<void> {
	if (process.argv.includes('--help') || process.argv.includes('-h')) {
		console.log(USAGE);
		return;
	}
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox(options);
	const f = SANDBOX_FIXTURES;
	const c = sandbox.config;
	const limits = c.rateLimits
		? `rate limits ${c.perTokenPerSecond}/s per tokenID, ${c.perClientPerSecond}/s per client (429 + Retry-After; --no-rate-limits to switch off)`
		: 'rate limits off';
	const lines = [
		`InEvent sandbox listening on ${sandbox.url}`,
		`  error style ${c.errorStyle}, token TTL ${c.tokenTtlSeconds}s, latency ${describeLatency(c.latencyMs)}`,
		`  ${limits}`,
		`  event.person.operate content (multi-field form): ${c.operateContent}`,
		`  email match (email and username look-ups): ${c.emailMatch}`,
		`  webhooks: ${c.webhookPayload} payloads, ${c.webhookRetries} retries every ${c.webhookRetryDelayMs} ms, timeout ${c.webhookTimeoutMs} ms, company hooks hear ${c.webhookCompanyScope}`,
		`  companyID ${f.companyId} (admin's), ${f.emptyCompanyId} (admin's, empty), ${f.otherCompanyId} (not admin's)`,
		`  eventA ${f.eventA.eventId} (${sandbox.store.countAttendees(f.eventA.eventId)} attendees), eventB ${f.eventB.eventId}, otherEvent ${f.otherEvent.eventId}`,
		`  admin      ${f.admin.username} / ${f.admin.password} (personID ${f.admin.personId}); event-scope password for eventA: ${f.eventA.eventPassword}`,
		`  attendee   ${f.attendee.username} / ${f.attendee.password} (personID ${f.attendee.personId}); eventA password: ${f.attendee.eventPassword}`,
		`  collector  ${f.collector.username} / ${f.collector.password} (personID ${f.collector.personId}, Data Collector in eventA)`,
		`  otherAdmin ${f.otherAdmin.username} / ${f.otherAdmin.password} (personID ${f.otherAdmin.personId})`,
		`  admin endpoints: ${sandbox.url}__sandbox/{log,stats,fixtures,config,reset,expire-tokens,revoke-token,seed,clear-log,webhooks,deliveries,clear-deliveries,register}`,
	];
	console.log(lines.join('\n'));
	const stop = (signal: string): void => {
		console.log(`\n${signal}: stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
