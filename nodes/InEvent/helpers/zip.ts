const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 (ZIP's checksum) carried over chunks: start with 0, pass each chunk's result to the next. */
export function crc32(bytes: Uint8Array, previous = 0): number {
	let crc = (previous ^ 0xffffffff) >>> 0;
	for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** An entry after deflating: what the archive's headers need, and the compressed bytes. */
export interface DeflatedEntry {
	name: string;
	crc: number;
	size: number;
	compressed: Uint8Array[];
	compressedSize: number;
}

/** ZIP stores sizes in 32 bits (ZIP64 is not written here). */
const ZIP32_MAX = 0xffffffff;

/**
 * One ZIP entry deflated as it is written, chunk by chunk, with the Web Streams `CompressionStream`
 * (a global of Node 18+, so no import of zlib, which community nodes may not use). Only the
 * compressed bytes are kept: a report's sheet is never held uncompressed.
 */
export class DeflatingEntry {
	private readonly writer: WritableStreamDefaultWriter<Uint8Array>;
	private readonly output: Promise<Uint8Array[]>;
	private crc = 0;
	private size = 0;

	constructor(private readonly name: string) {
		const stream = new CompressionStream('deflate-raw');
		this.writer = stream.writable.getWriter();
		this.output = collect(stream.readable);
		// If writing fails, the failure surfaces from write() or finish(); this only keeps it handled.
		this.output.catch(() => undefined);
	}

	async write(bytes: Uint8Array): Promise<void> {
		if (bytes.length === 0) return;
		this.crc = crc32(bytes, this.crc);
		this.size += bytes.length;
		if (this.size > ZIP32_MAX) throw new RangeError(`${this.name} is larger than a ZIP entry may be (4 GB)`);
		await this.writer.write(bytes);
	}

	async finish(): Promise<DeflatedEntry> {
		await this.writer.close();
		const compressed = await this.output;
		const compressedSize = compressed.reduce((sum, chunk) => sum + chunk.length, 0);
		return { name: this.name, crc: this.crc, size: this.size, compressed, compressedSize };
	}
}

async function collect(readable: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
	const chunks: Uint8Array[] = [];
	const reader = readable.getReader();
	for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
	return chunks;
}

/** A whole small entry (a workbook's fixed parts), deflated. */
export async function deflateEntry(name: string, text: string): Promise<DeflatedEntry> {
	const entry = new DeflatingEntry(name);
	await entry.write(Buffer.from(text, 'utf8'));
	return await entry.finish();
}

const DEFLATE = 8;
const VERSION_NEEDED = 20; // 2.0: deflate
const UTF8_NAMES = 0x0800;

/** The ZIP archive of deflated entries, in the order given (local headers, then the central directory). */
export function zipArchive(entries: readonly DeflatedEntry[]): Buffer {
	const parts: Uint8Array[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const fileName = Buffer.from(entry.name, 'utf8');
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(VERSION_NEEDED, 4);
		local.writeUInt16LE(UTF8_NAMES, 6);
		local.writeUInt16LE(DEFLATE, 8);
		local.writeUInt32LE(0, 10); // time, date
		local.writeUInt32LE(entry.crc, 14);
		local.writeUInt32LE(entry.compressedSize, 18);
		local.writeUInt32LE(entry.size, 22);
		local.writeUInt16LE(fileName.length, 26);
		local.writeUInt16LE(0, 28);
		parts.push(local, fileName, ...entry.compressed);

		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(VERSION_NEEDED, 4); // made by
		central.writeUInt16LE(VERSION_NEEDED, 6);
		central.writeUInt16LE(UTF8_NAMES, 8);
		central.writeUInt16LE(DEFLATE, 10);
		central.writeUInt32LE(0, 12);
		central.writeUInt32LE(entry.crc, 16);
		central.writeUInt32LE(entry.compressedSize, 20);
		central.writeUInt32LE(entry.size, 24);
		central.writeUInt16LE(fileName.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, fileName);
		offset += local.length + fileName.length + entry.compressedSize;
		if (offset > ZIP32_MAX) throw new RangeError('The workbook is larger than a ZIP file may be (4 GB)');
	}
	const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, ...centrals, end]);
}
