/**
 * Reads what a byte search of a Chromium profile cannot see: LevelDB table files (`.ldb`, `.sst`)
 * store their blocks Snappy-compressed, so a value repeated or sharing a prefix with another is no
 * longer in the file as plain bytes. Chromium keeps small stores in uncompressed logs (`.log`), but
 * compacts them into tables once they grow; a search for secrets must read both.
 *
 * Formats: https://github.com/google/leveldb/blob/main/doc/table_format.md and
 * https://github.com/google/snappy/blob/main/format_description.txt
 */

const TABLE_MAGIC = 0xdb4775248b80fb57n;
const FOOTER_LENGTH = 48;
const BLOCK_TRAILER = 5;

function varint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let pos = at; pos < buf.length; pos++) {
    const byte = buf[pos]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos + 1];
    shift += 7;
  }
  throw new Error('leveldb: truncated varint');
}

/** Raw Snappy (no framing), as LevelDB stores a block. */
export function snappyDecompress(input: Buffer): Buffer {
  const [length, start] = varint(input, 0);
  const out = Buffer.alloc(length);
  let o = 0;
  let pos = start;
  while (pos < input.length) {
    const tag = input[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >> 2) + 1;
      if (len > 60) {
        const bytes = len - 60;
        len = input.readUIntLE(pos, bytes) + 1;
        pos += bytes;
      }
      input.copy(out, o, pos, pos + len);
      o += len;
      pos += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      len = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | input[pos++]!;
    } else if (kind === 2) {
      len = (tag >> 2) + 1;
      offset = input.readUInt16LE(pos);
      pos += 2;
    } else {
      len = (tag >> 2) + 1;
      offset = input.readUInt32LE(pos);
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error('snappy: bad copy offset');
    // Byte by byte: a copy may overlap what it is writing (a run).
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset]!;
  }
  if (o !== length) throw new Error(`snappy: expected ${length} bytes, got ${o}`);
  return out;
}

function readBlock(file: Buffer, offset: number, size: number): Buffer {
  const body = file.subarray(offset, offset + size);
  const compression = file[offset + size];
  if (compression === 0) return body;
  if (compression === 1) return snappyDecompress(body);
  throw new Error(`leveldb: block compression ${compression} not supported`);
}

/** The block handles an index block lists (each entry's value is a handle). */
function indexHandles(block: Buffer): Array<[offset: number, size: number]> {
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 - restarts * 4;
  const handles: Array<[number, number]> = [];
  let pos = 0;
  while (pos < end) {
    const [, a] = varint(block, pos);
    const [unshared, b] = varint(block, a);
    const [valueLength, c] = varint(block, b);
    const valueAt = c + unshared;
    const [offset, d] = varint(block, valueAt);
    const [size] = varint(block, d);
    handles.push([offset, size]);
    pos = valueAt + valueLength;
  }
  return handles;
}

/**
 * Every data block of a LevelDB table file, decompressed (keys and values as stored, keys with their
 * shared prefixes elided, values whole).
 */
export function tableBlocks(file: Buffer): Buffer[] {
  if (file.length < FOOTER_LENGTH) throw new Error('leveldb: file shorter than a table footer');
  const footer = file.subarray(file.length - FOOTER_LENGTH);
  if (footer.readBigUInt64LE(FOOTER_LENGTH - 8) !== TABLE_MAGIC) throw new Error('leveldb: not a table file');
  const [metaOffset, a] = varint(footer, 0);
  const [metaSize, b] = varint(footer, a);
  const [indexOffset, c] = varint(footer, b);
  const [indexSize] = varint(footer, c);
  if (indexOffset + indexSize + BLOCK_TRAILER > file.length) throw new Error('leveldb: index block out of range');
  const index = readBlock(file, indexOffset, indexSize);
  return [readBlock(file, metaOffset, metaSize), ...indexHandles(index).map(([offset, size]) => readBlock(file, offset, size))];
}

/** The bytes to search in a profile file: the file itself, and for a LevelDB table its blocks decompressed. */
export function searchableContents(path: string, file: Buffer): Buffer[] {
  return /\.(ldb|sst)$/.test(path) ? [file, ...tableBlocks(file)] : [file];
}
