/**
 * A Dockerfile read the way Docker's parser reads it, for the checks on examples/docker: comment lines
 * dropped (inside a continued instruction too), `\` + newline joining lines, one instruction per
 * keyword. ARG defaults are kept per scope: before the first FROM (only FROM sees them) and in the stage.
 */
export interface DockerInstruction {
	keyword: string;
	/** The rest of the instruction, continuation lines joined as Docker joins them. */
	args: string;
	/** 1-based line where it starts. */
	line: number;
}

export interface RunStep {
	/** The USER in effect (undefined: root). */
	user?: string;
	/** `--mount=…` flags before the command. */
	mounts: string[];
	/** The shell command Docker gives `/bin/sh -c`. */
	script: string;
}

export interface ParsedDockerfile {
	instructions: DockerInstruction[];
	/** ARGs declared before the first FROM, with their defaults ('' when none). */
	globalArgs: Map<string, string>;
	/** ARGs of the (last) stage, with their defaults. */
	stageArgs: Map<string, string>;
	/** The last FROM's image, as written (`${VAR}` not expanded). */
	from: string;
	/** The last USER, or undefined (root). */
	user?: string;
	runs: RunStep[];
}

const CONTINUATION = /\\\s*$/;

export function parseDockerfile(text: string): ParsedDockerfile {
	const instructions: DockerInstruction[] = [];
	let pending: { parts: string[]; line: number } | undefined;
	text.split('\n').forEach((raw, index) => {
		const trimmed = raw.trim();
		if (trimmed.startsWith('#')) return;
		if (pending === undefined && trimmed === '') return;
		const continued = CONTINUATION.test(raw);
		const part = continued ? raw.replace(CONTINUATION, '') : raw;
		pending ??= { parts: [], line: index + 1 };
		pending.parts.push(part);
		if (continued) return;
		const joined = pending.parts.join('').trim();
		const match = /^(\S+)\s*(.*)$/s.exec(joined);
		if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2], line: pending.line });
		pending = undefined;
	});
	if (pending !== undefined) throw new Error(`line ${pending.line}: the instruction never ends (a trailing \\)`);

	const globalArgs = new Map<string, string>();
	let stageArgs = new Map<string, string>();
	let from = '';
	let user: string | undefined;
	let runs: RunStep[] = [];
	let inStage = false;
	for (const instruction of instructions) {
		if (instruction.keyword === 'FROM') {
			inStage = true;
			from = instruction.args.split(/\s+/)[0];
			stageArgs = new Map();
			user = undefined;
			runs = [];
		} else if (instruction.keyword === 'ARG') {
			const [name, ...value] = instruction.args.split('=');
			(inStage ? stageArgs : globalArgs).set(name.trim(), value.join('=').trim());
		} else if (instruction.keyword === 'USER') {
			user = instruction.args.trim();
		} else if (instruction.keyword === 'RUN') {
			runs.push({ user, ...runStep(instruction.args) });
		}
	}
	return { instructions, globalArgs, stageArgs, from, user, runs };
}

function runStep(args: string): Omit<RunStep, 'user'> {
	const mounts: string[] = [];
	let rest = args.trimStart();
	for (let flag = /^--mount=(\S+)\s+/.exec(rest); flag; flag = /^--mount=(\S+)\s+/.exec(rest)) {
		mounts.push(flag[1]);
		rest = rest.slice(flag[0].length);
	}
	if (rest.startsWith('[')) throw new Error(`RUN in exec form is not read here: ${rest.slice(0, 40)}`);
	return { mounts, script: rest };
}

/** `${NAME}` / `$NAME` in an instruction Docker expands (FROM, ENV…), from the given values. */
export function expandArgs(value: string, args: Map<string, string>): string {
	return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
		const name = braced ?? bare ?? '';
		const found = args.get(name);
		if (found === undefined) throw new Error(`${whole} has no value`);
		return found;
	});
}
