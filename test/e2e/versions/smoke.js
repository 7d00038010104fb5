/**
 * The smoke subset of the end-to-end suite that runs on the smoke legs (see jest.config.js here): per file, the names
 * of its tests that run there. Read by jest.config.js and by the CI runner (test/e2e/ci.ts), which runs parts of
 * a file as separate jobs.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const SMOKE = {
	'workflows.e2e.test.ts': [
		'signs in exactly once on the first run, stores the token, and later runs reuse it',
		'creates an event, updates three fields, and gets it',
		'registers 25 attendees from items, then lists them back with Return All',
		'creates a session, enrolls and checks in an attendee, and exports a CSV that n8n reads back',
	],
	'trigger.e2e.test.ts': ['an active workflow polls, replays nothing, then emits the new registrations once'],
	'examples.e2e.test.ts': [
		'sync attendees from a form or CRM: registers new emails with their answers, and a re-send writes nothing',
	],
	'ai.e2e.test.ts': [
		'refuses a client without the bearer token or with a wrong one, and runs nothing',
		'lists the five tools with the names, automatic descriptions and argument schemas n8n derives',
		'looks an attendee up by email, then checks her in with the person ID it returned',
		'registers a person sent twice once: one attendee for that email, and a company left out is kept',
		'calls any InEvent action by the name and parameters the client gives (Call an Action with $fromAI)',
		'answers an unknown email with isError and the node message, without the password or any token',
		'30 tool calls at once from 3 clients, with the sandbox at InEvent rate limits, all succeed without a 429',
		'offers the model the four InEvent tools with their JSON schemas',
		'registers Ana Souza when asked and answers with the person ID InEvent gave her',
		'a failed look-up reaches the model as a tool message naming the problem, and the desk gets its reply',
	],
	'instantTrigger.e2e.test.ts': [
		'activation creates one InEvent webhook, for the production URL of the node',
		'a registration reaches the workflow within 2 s, with the nested payload as InEvent sent it',
		'a registration reaches the workflow within 2 s, with the flat payload as InEvent sent it',
		'300 registrations at once: 300 executions, each person once, every delivery answered 2xx',
		'a delivery repeated byte for byte runs once; two different registrations run twice',
		'after n8n restarts: still exactly one hook, and deliveries still reach the workflow',
		'deactivation removes the hook from InEvent',
		'Confirm With InEvent: a forged delivery naming a stranger runs nothing and is logged; a real registration runs once',
		'a type InEvent refuses fails activation naming it, and leaves no hook',
		'the production URL appears in no n8n log line and in no execution output',
	],
	'callAction.e2e.test.ts': [
		'the HTTP Request node with Predefined Credential Type › InEvent API: one sign-in, then after a revoked token one more and success',
		'Call an Action event.get: one item, the event as InEvent has it',
		'Call an Action with Paginate › Return All over 1,200 attendees: each once, every page at limit 100, little read ahead',
		'an action InEvent does not have: the error names it with the message and status of InEvent, on the item with Continue On Fail, and no secret anywhere',
	],
	'callActionBurst.e2e.test.ts': [
		'300 webhook executions at once, half Call an Action and half Attendee › Create on one credential: all 200, one sign-in, no 429, each person once',
	],
	'errorOutput.e2e.test.ts': [
		'Attendee › Get: the unknown email on the error branch, the two attendees on the success branch',
		'Attendee › Create: the bad email on the error branch, the two registered attendees on the success branch',
		'Attendee › Create or Update: the bad email on the error branch; the new and the existing attendee written, on the success branch',
		'Attendee › Create or Update refused as a whole: every item on the error branch, none lost, nothing written',
		'Report › Get Attendee Report: the bad and the unknown event on the error branch, the rows of the event on the success branch',
	],
};

// A renamed test would otherwise drop out of the subset without a word.
for (const [file, names] of Object.entries(SMOKE)) {
	const source = readFileSync(join(__dirname, '..', file), 'utf8');
	for (const name of names)
		if (!source.includes(`'${name}'`))
			throw new Error(`${file} has no test named '${name}' (test/e2e/versions/smoke.js)`);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A jest testNamePattern matching exactly these test names (at the end of the full name, after any describe). */
const namePattern = (names) => `(?:${names.map(escape).join('|')})$`;

module.exports = { SMOKE, escape, namePattern };
