/**
 * Every `§N` the repository cites must be a numbered heading of docs/inevent-api.md, the project's
 * notes on InEvent's API (`inevent-api.md §10.2`, `§10.2` alone, `§9.1–§9.2`, `§15 q16` for item 16
 * of that section's numbered list). The one exception: a Markdown file with numbered headings of its
 * own that never names inevent-api.md cites its own sections (docs/research/), and is checked
 * against those.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const NOTES = 'docs/inevent-api.md';

/** Files whose text may cite the notes. */
const TEXT_FILE = /(\.(ts|js|md|json|py|mjs|yml)|(^|\/)\.ci\/run)$/;

/** `§N`, `§N.M…`, an en-dash range `§N–M`, and `§N qK` (item K of the section's numbered list). */
const CITATION = /\u00a7(\d+(?:\.\d+)*)(?:\u2013(\d+(?:\.\d+)*))?(?:\s+q(\d+))?/g;

/** The file named just before the `§` (same line, or the end of the line above in a wrapped comment). */
const NAMED_BEFORE = /inevent-api\.md`?\s*(?:\n\s*(?:\*|\/\/|#)?\s*)?$/;
/** `§N of inevent-api.md`. */
const NAMED_AFTER = /^\s+of\s+`?(?:docs\/)?inevent-api\.md/;

/** A path to a copy of the notes outside the repository. */
const OUTSIDE_COPY = /(?:\.\.\/|\/work\/)shared\/inevent-api\.md/;

const HEADING = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?(?=\s|$)/;
const LIST_ITEM = /^(\d+)\.\s/;
const FENCE = /^\s*(```|~~~)/;

interface Citation {
	file: string;
	line: number;
	/** The citation as written, e.g. `§15 q16`. */
	text: string;
	section: string;
	/** For `§N qK`: K. */
	item?: number;
	/** Whether the line names inevent-api.md next to the `§`. */
	named: boolean;
	/** The file whose headings it refers to. */
	target: string;
}

interface Sections {
	numbers: Set<string>;
	/** Heading number → the numbers of the ordered-list items under it. */
	items: Map<string, Set<number>>;
}

interface Problem {
	where: string;
	text: string;
	reason: string;
}

/** Numbered headings (outside code fences) and the numbered list items under each. */
function parseSections(markdown: string): Sections {
	const numbers = new Set<string>();
	const items = new Map<string, Set<number>>();
	let fenced = false;
	let current: string | undefined;
	for (const line of markdown.split(/\r?\n/)) {
		if (FENCE.test(line)) {
			fenced = !fenced;
			continue;
		}
		if (fenced) continue;
		if (/^#{1,6}\s/.test(line)) {
			const heading = HEADING.exec(line);
			current = heading?.[1];
			if (current !== undefined) {
				numbers.add(current);
				items.set(current, new Set());
			}
			continue;
		}
		const item = LIST_ITEM.exec(line);
		if (item && current !== undefined) items.get(current)?.add(Number(item[1]));
	}
	return { numbers, items };
}

/** A Markdown file with numbered headings of its own that never names the notes cites itself. */
function citesItself(file: string, text: string): boolean {
	return file !== NOTES && file.endsWith('.md') && !text.includes('inevent-api') && parseSections(text).numbers.size > 0;
}

/** Every `§` citation of a file, with the file it refers to. */
function findCitations(file: string, text: string): Citation[] {
	const target = citesItself(file, text) ? file : NOTES;
	const lines = text.split(/\r?\n/);
	const found: Citation[] = [];
	lines.forEach((line, index) => {
		for (const match of line.matchAll(CITATION)) {
			const start = match.index ?? 0;
			const before = `${lines[index - 1] ?? ''}\n${line.slice(0, start)}`;
			const after = line.slice(start + match[0].length);
			const named = NAMED_BEFORE.test(before) || NAMED_AFTER.test(after);
			const base = { file, line: index + 1, text: match[0], named, target };
			found.push({ ...base, section: match[1], item: match[3] === undefined ? undefined : Number(match[3]) });
			if (match[2] !== undefined) found.push({ ...base, section: match[2] });
		}
	});
	return found;
}

/** The citations that name no heading of their target (or no item of its list). */
function checkCitations(citations: readonly Citation[], sectionsOf: (target: string) => Sections): Problem[] {
	const problems: Problem[] = [];
	for (const citation of citations) {
		const sections = sectionsOf(citation.target);
		const where = `${citation.file}:${citation.line}`;
		if (!sections.numbers.has(citation.section)) {
			problems.push({
				where,
				text: citation.text,
				reason: `${citation.target} has no heading numbered ${citation.section}`,
			});
		} else if (citation.item !== undefined && !sections.items.get(citation.section)?.has(citation.item)) {
			problems.push({
				where,
				text: citation.text,
				reason: `${citation.target} §${citation.section} has no numbered item ${citation.item}`,
			});
		}
	}
	return problems;
}

function formatProblems(problems: readonly Problem[]): string {
	return problems.map((problem) => `${problem.where}: "${problem.text}": ${problem.reason}`).join('\n');
}

/** Tracked files and new files not ignored, as git lists them; no node_modules. */
function repositoryTextFiles(): string[] {
	const listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const files = new Set(listing.split('\0').filter((file) => file !== ''));
	return [...files]
		.filter((file) => TEXT_FILE.test(file) && !file.split('/').includes('node_modules'))
		.filter((file) => {
			const path = join(ROOT, file);
			return existsSync(path) && statSync(path).isFile();
		})
		.sort();
}

function sectionsReader(): (target: string) => Sections {
	const cache = new Map<string, Sections>();
	return (target) => {
		let sections = cache.get(target);
		if (!sections) {
			sections = parseSections(readFileSync(join(ROOT, target), 'utf8'));
			cache.set(target, sections);
		}
		return sections;
	};
}

describe('citations of docs/inevent-api.md', () => {
	const files = repositoryTextFiles();
	const texts = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
	const citations = files.flatMap((file) => findCitations(file, texts.get(file) ?? ''));
	const toNotes = citations.filter((citation) => citation.target === NOTES);
	const citingFiles = new Set(toNotes.map((citation) => citation.file));
	const named = toNotes.filter((citation) => citation.named);

	it('docs/inevent-api.md exists and has numbered headings', () => {
		expect(existsSync(join(ROOT, NOTES))).toBe(true);
		expect(parseSections(readFileSync(join(ROOT, NOTES), 'utf8')).numbers.size).toBeGreaterThan(20);
	});

	it(`finds the citations: ${toNotes.length} in ${citingFiles.size} files, ${named.length} naming inevent-api.md`, () => {
		// A scanner that sees nothing would pass everything.
		expect(files.length).toBeGreaterThan(100);
		expect(named.length).toBeGreaterThanOrEqual(15);
		expect(toNotes.length).toBeGreaterThanOrEqual(100);
	});

	it('every cited § is a heading of the file it cites', () => {
		const problems = checkCitations(citations, sectionsReader());
		expect(formatProblems(problems)).toBe('');
	});

	it('no file points at a copy of the notes outside the repository', () => {
		const outside = files.flatMap((file) =>
			(texts.get(file) ?? '')
				.split(/\r?\n/)
				.flatMap((line, index) => (OUTSIDE_COPY.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
		);
		expect(outside.join('\n')).toBe('');
	});

	describe('self-check: the checker reports a bad citation', () => {
		const sections = sectionsReader();
		const notesOnly = (target: string): Sections => {
			expect(target).toBe(NOTES);
			return sections(NOTES);
		};
		const section = '\u00a7';

		it('reports a § that is not a heading, with file, line and citation', () => {
			const fake = `// fine (inevent-api.md ${section}7)\n/** wrong (inevent-api.md ${section}99.9) */`;
			const found = findCitations('nodes/Fake.ts', fake);
			expect(found.map((citation) => [citation.section, citation.named])).toEqual([
				['7', true],
				['99.9', true],
			]);
			expect(checkCitations(found, notesOnly)).toEqual([
				{ where: 'nodes/Fake.ts:2', text: `${section}99.9`, reason: `${NOTES} has no heading numbered 99.9` },
			]);
		});

		it('reads ranges, wrapped comments, "of inevent-api.md", a no-break space and list items', () => {
			const fake = [
				` * types (inevent-api.md ${section}9.1\u2013${section}9.2) and ${section}3.2\u20133.3`,
				` * as the notes say (inevent-api.md`,
				` * ${section}13.1), see ${section}7 of inevent-api.md and inevent-api.md\u00a0${section}8`,
				` * open: ${section}15 q16, ${section}15 q99, ${section}14.9`,
			].join('\n');
			const found = findCitations('test/Fake.ts', fake);
			expect(found.map((citation) => `${citation.section}${citation.named ? '!' : ''}`)).toEqual([
				'9.1!',
				'9.2',
				'3.2',
				'3.3',
				'13.1!',
				'7!',
				'8!',
				'15',
				'15',
				'14.9',
			]);
			expect(formatProblems(checkCitations(found, notesOnly))).toBe(
				[
					`test/Fake.ts:4: "${section}15 q99": ${NOTES} ${section}15 has no numbered item 99`,
					`test/Fake.ts:4: "${section}14.9": ${NOTES} has no heading numbered 14.9`,
				].join('\n'),
			);
		});

		it('checks a Markdown file with its own numbered sections against its own headings', () => {
			const own = `# Notes\n\n## 1. First\n\nSee ${section}1 and ${section}3.\n`;
			const found = findCitations('docs/research/fake.md', own);
			expect(found.every((citation) => citation.target === 'docs/research/fake.md')).toBe(true);
			expect(checkCitations(found, () => parseSections(own)).map((problem) => problem.text)).toEqual([
				`${section}3`,
			]);
		});
	});
});
