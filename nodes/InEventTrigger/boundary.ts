import type { IDataObject } from 'n8n-workflow';

/** One record of the list at an offset (a read of one item), or undefined past its end. */
export type Probe = (offset: number) => Promise<IDataObject | undefined>;

/**
 * Where the records already passed end, in a sorted list whose records are "before" up to some
 * offset and not after it: the smallest offset whose record is not before (or the list's end).
 * Found by galloping from a place where the answer is known to lie on one side, then halving, so
 * the distance d from there costs about 2·log2(d) one-record reads, whatever the list's length.
 */
export class Boundary {
	constructor(
		private readonly probe: Probe,
		private readonly before: (record: IDataObject) => boolean,
	) {}

	/** The answer, given that the record at `from - 1` is before (or `from` is 0). */
	async searchUp(from: number): Promise<number> {
		let known = from - 1;
		for (let step = 1; ; step *= 2) {
			const offset = known + step;
			if (!(await this.isBefore(offset))) return await this.halve(known, offset);
			known = offset;
		}
	}

	/** The answer, given that the record at `to` is not before (or missing). */
	async searchDown(to: number): Promise<number> {
		let upper = to;
		for (let step = 1; ; step *= 2) {
			const offset = upper - step;
			if (offset < 0) return await this.halve(-1, upper);
			if (await this.isBefore(offset)) return await this.halve(offset, upper);
			upper = offset;
		}
	}

	/** The smallest offset in (known, upper] that is not before: `known` is before, `upper` is not. */
	private async halve(known: number, upper: number): Promise<number> {
		while (upper - known > 1) {
			const middle = Math.floor((known + upper) / 2);
			if (await this.isBefore(middle)) known = middle;
			else upper = middle;
		}
		return upper;
	}

	private async isBefore(offset: number): Promise<boolean> {
		const record = await this.probe(offset);
		return record !== undefined && this.before(record);
	}
}
