/**
 * The part of YAML that examples/docker/docker-compose.yml uses, read as YAML 1.2 reads it: block
 * mappings and sequences (nested by indentation, spaces only), plain, single- and double-quoted
 * scalars typed as YAML types them (`true` is a boolean, `5678` a number), comments, anchors on
 * mappings (`&name`), aliases (`*name`) and merge keys (`<<: *name`). Anything else (flow `[ ]`/`{ }`,
 * block scalars `|`/`>`, tags, tabs, multi-line scalars) is refused with its line number, so the file
 * cannot drift into syntax this reader would misread.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };
type YamlMapping = { [key: string]: YamlValue };

interface Line {
	number: number;
	indent: number;
	text: string;
}

/** Content lines: comments and blank lines dropped, trailing comments cut outside quotes. */
function contentLines(text: string): Line[] {
	const lines: Line[] = [];
	text.split('\n').forEach((raw, index) => {
		if (/^\s*\t/.test(raw)) throw new Error(`line ${index + 1}: tab indentation`);
		const body = stripComment(raw);
		if (body.trim() === '') return;
		const indent = body.length - body.trimStart().length;
		lines.push({ number: index + 1, indent, text: body.trim() });
	});
	return lines;
}

function stripComment(raw: string): string {
	let quote: string | undefined;
	for (let i = 0; i < raw.length; i++) {
		const char = raw[i];
		if (quote) {
			if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") {
			quote = char;
		} else if (char === '#' && (i === 0 || /\s/.test(raw[i - 1]))) {
			return raw.slice(0, i).trimEnd();
		}
	}
	return raw.trimEnd();
}

function scalar(text: string, line: number): YamlValue {
	if (/^[[{|>!%@`]/.test(text)) throw new Error(`line ${line}: unsupported YAML syntax: ${text}`);
	if (text.startsWith('"')) {
		if (!text.endsWith('"') || text.length < 2) throw new Error(`line ${line}: unterminated "string"`);
		return JSON.parse(text) as string;
	}
	if (text.startsWith("'")) {
		if (!text.endsWith("'") || text.length < 2) throw new Error(`line ${line}: unterminated 'string'`);
		return text.slice(1, -1).replace(/''/g, "'");
	}
	if (/^(null|Null|NULL|~)$/.test(text)) return null;
	if (/^(true|True|TRUE)$/.test(text)) return true;
	if (/^(false|False|FALSE)$/.test(text)) return false;
	if (/^[-+]?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
	if (text.includes(': ')) throw new Error(`line ${line}: a plain value with ": " in it: quote it`);
	return text;
}

/** `key: rest` → [key, rest]; `key:` → [key, '']; undefined when the line is not a mapping entry. */
function splitKey(text: string): [string, string] | undefined {
	const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+(.*))?$/.exec(text);
	if (quoted) return [String(scalar(quoted[1], 0)), quoted[2] ?? ''];
	const plain = /^([^\s"'#][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
	return plain ? [plain[1], plain[2] ?? ''] : undefined;
}

class Reader {
	private position = 0;
	private readonly anchors = new Map<string, YamlValue>();

	constructor(private readonly lines: Line[]) {}

	document(): YamlValue {
		if (this.lines.length === 0) return null;
		const value = this.block(this.lines[0].indent);
		const extra = this.lines[this.position];
		if (extra) throw new Error(`line ${extra.number}: unexpected indentation`);
		return value;
	}

	private block(indent: number): YamlValue {
		const first = this.lines[this.position];
		return first.text === '-' || first.text.startsWith('- ') ? this.sequence(indent) : this.mapping(indent);
	}

	private sequence(indent: number): YamlValue[] {
		const items: YamlValue[] = [];
		for (let line = this.lines[this.position]; line?.indent === indent; line = this.lines[this.position]) {
			if (!(line.text === '-' || line.text.startsWith('- ')))
				throw new Error(`line ${line.number}: a mapping entry inside a sequence`);
			const rest = line.text.slice(1).trimStart();
			if (rest === '') {
				this.position++;
				items.push(this.nested(indent, line.number));
			} else if (splitKey(rest)) {
				// `- key: value`: a mapping whose first entry sits after the dash.
				const itemIndent = indent + (line.text.length - rest.length);
				this.lines[this.position] = { number: line.number, indent: itemIndent, text: rest };
				items.push(this.mapping(itemIndent));
			} else {
				this.position++;
				items.push(this.value(rest, line.number, indent));
			}
		}
		return items;
	}

	private mapping(indent: number): YamlMapping {
		const mapping: YamlMapping = {};
		const merged: YamlMapping[] = [];
		for (let line = this.lines[this.position]; line?.indent === indent; line = this.lines[this.position]) {
			if (line.text === '-' || line.text.startsWith('- '))
				throw new Error(`line ${line.number}: a sequence item among mapping entries (indent it under its key)`);
			const entry = splitKey(line.text);
			if (!entry) throw new Error(`line ${line.number}: expected "key: value", found ${line.text}`);
			const [key, rest] = entry;
			this.position++;
			const value = rest === '' ? this.nested(indent, line.number) : this.value(rest, line.number, indent);
			if (key === '<<') {
				if (value === null || typeof value !== 'object' || Array.isArray(value))
					throw new Error(`line ${line.number}: << takes a mapping`);
				merged.push(value);
			} else {
				if (Object.prototype.hasOwnProperty.call(mapping, key))
					throw new Error(`line ${line.number}: duplicate key ${key}`);
				mapping[key] = value;
			}
		}
		// Merge keys give defaults: the mapping's own entries win, and earlier merges win over later ones.
		for (const source of merged)
			for (const [key, value] of Object.entries(source)) if (!(key in mapping)) mapping[key] = value;
		return mapping;
	}

	/** The block under `key:` or `-` on the line before, or null when nothing is indented under it. */
	private nested(parentIndent: number, parentLine: number): YamlValue {
		const next = this.lines[this.position];
		if (next === undefined || next.indent <= parentIndent) return null;
		if (next.number === parentLine) throw new Error(`line ${next.number}: unexpected content`);
		return this.block(next.indent);
	}

	/** What follows `key: ` or `- `: an alias, an anchored block, or a scalar. */
	private value(text: string, line: number, parentIndent = -1): YamlValue {
		const alias = /^\*([\w-]+)$/.exec(text);
		if (alias) {
			const target = this.anchors.get(alias[1]);
			if (target === undefined) throw new Error(`line ${line}: unknown alias *${alias[1]}`);
			return target;
		}
		const anchor = /^&([\w-]+)$/.exec(text);
		if (anchor) {
			const anchored = this.nested(parentIndent, line);
			this.anchors.set(anchor[1], anchored);
			return anchored;
		}
		if (text.startsWith('&')) throw new Error(`line ${line}: anchors are read on mappings only: ${text}`);
		return scalar(text, line);
	}
}

export function parseYamlSubset(text: string): YamlValue {
	return new Reader(contentLines(text)).document();
}
