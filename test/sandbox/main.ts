import { isErrorStyle } from './errors';
import { startSandbox, SANDBOX_FIXTURES, type SandboxOptions } from './index';

/**
 * `npm run sandbox -- --port 8787 --seed-events 250 --seed-attendees 50000 --token-ttl 3600
 * --error-style json --latency 0`
 */
function parseArgs(argv: readonly string[]): SandboxOptions {
	const options: SandboxOptions = { port: 8787 };
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
				options.latencyMs = numberAfter(flag, i++);
				break;
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
	const options = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox(options);
	const f = SANDBOX_FIXTURES;
	const lines = [
		`InEvent sandbox listening on ${sandbox.url}`,
		`  error style ${sandbox.config.errorStyle}, token TTL ${sandbox.config.tokenTtlSeconds}s, latency ${sandbox.config.latencyMs}ms`,
		`  companyID ${f.companyId} (admin's), ${f.emptyCompanyId} (admin's, empty), ${f.otherCompanyId} (not admin's)`,
		`  eventA ${f.eventA.eventId} (${sandbox.store.countAttendees(f.eventA.eventId)} attendees), eventB ${f.eventB.eventId}, otherEvent ${f.otherEvent.eventId}`,
		`  admin      ${f.admin.username} / ${f.admin.password} (personID ${f.admin.personId}); event-scope password for eventA: ${f.eventA.eventPassword}`,
		`  attendee   ${f.attendee.username} / ${f.attendee.password} (personID ${f.attendee.personId}); eventA password: ${f.attendee.eventPassword}`,
		`  collector  ${f.collector.username} / ${f.collector.password} (personID ${f.collector.personId}, Data Collector in eventA)`,
		`  otherAdmin ${f.otherAdmin.username} / ${f.otherAdmin.password} (personID ${f.otherAdmin.personId})`,
		`  admin endpoints: ${sandbox.url}__sandbox/{log,fixtures,config,reset,expire-tokens,revoke-token,seed,clear-log}`,
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
