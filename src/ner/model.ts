/**
 * The model file: gzip of a magic line, a JSON header (provenance, settings, figures) and
 * binary sections read straight into typed arrays: per stage the feature keys, one scale and
 * LABELS int8 weights a row, and the transitions; the gazetteer (keys, type masks, first words); the
 * capitalization prior as "word\tvalue" lines.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { Gazetteer } from './gazetteer.js';
import { LABELS } from './labels.js';
import { FeatureTable, type Stage } from './table.js';
import { NerModelError, type Resources } from './types.js';

const MAGIC = 'wirewatch-ner 2\n';

/** What the header records; `sections` is filled in by the writer. */
export interface ModelHeader {
  format: string;
  created: string;
  data: { file: string; bytes: number; sha256: string; role: string }[];
  unlabeled: { source: string; files: number; bytes: number; sha256: string }[];
  settings: Record<string, unknown>;
  figures: Record<string, unknown>;
  stages: number;
}

export interface ModelContent { header: ModelHeader; stages: Stage[]; resources: Resources }

class Writer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  put(bytes: Uint8Array): void {
    this.chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.size += bytes.byteLength;
    const pad = (4 - (this.size & 3)) & 3;
    if (pad) { this.chunks.push(Buffer.alloc(pad)); this.size += pad; }
  }
  u32(v: number): void { this.put(Uint32Array.of(v) as unknown as Uint8Array); }
  typed(a: Int32Array | Float32Array | Int8Array | Uint8Array): void {
    this.u32(a.length);
    this.put(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  text(s: string): void { this.typed(new TextEncoder().encode(s)); }
  bytes(): Buffer { return Buffer.concat(this.chunks); }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  private take(bytes: number, what: string): Buffer {
    if (this.at + bytes > this.buf.length) throw new NerModelError(`model file truncated in ${what}`);
    const out = this.buf.subarray(this.at, this.at + bytes);
    this.at += bytes + ((4 - (bytes & 3)) & 3);
    return out;
  }
  u32(what: string): number { return this.take(4, what).readUInt32LE(0); }
  private copy(n: number, width: number, what: string): ArrayBuffer {
    const b = this.take(n * width, what);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  i32(what: string): Int32Array { const n = this.u32(what); return new Int32Array(this.copy(n, 4, what)); }
  f32(what: string): Float32Array { const n = this.u32(what); return new Float32Array(this.copy(n, 4, what)); }
  i8(what: string): Int8Array { const n = this.u32(what); return new Int8Array(this.copy(n, 1, what)); }
  u8(what: string): Uint8Array { const n = this.u32(what); return new Uint8Array(this.copy(n, 1, what)); }
  text(what: string): string { return new TextDecoder().decode(this.u8(what)); }
}

function lines(map: Map<string, number>): string {
  let out = '';
  for (const [w, v] of map) out += `${w}\t${v}\n`;
  return out;
}

function parseLines(text: string): Map<string, number> {
  const map = new Map<string, number>();
  let from = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from), tab = text.indexOf('\t', from);
    map.set(text.slice(from, tab), Number(text.slice(tab + 1, nl)));
    from = nl + 1;
  }
  return map;
}

export function encodeModel(m: ModelContent): Buffer {
  const w = new Writer();
  for (const s of m.stages) {
    w.typed(s.keys); w.typed(s.scales); w.typed(s.weights); w.typed(s.trans);
  }
  const gaz = m.resources.gazetteer;
  w.typed(gaz.keys); w.typed(gaz.masks); w.typed(gaz.firsts); w.u32(gaz.maxLen);
  w.text(lines(m.resources.prior));
  const header = Buffer.from(JSON.stringify({ ...m.header, stages: m.stages.length }, null, 1));
  const len = Buffer.alloc(4); len.writeUInt32LE(header.length);
  const prefix = MAGIC.length + 4 + header.length;
  const pad = Buffer.alloc((4 - (prefix & 3)) & 3);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC), len, header, pad, w.bytes()]), { level: 9 });
}

export function decodeModel(file: Buffer): ModelContent {
  let raw: Buffer;
  try { raw = gunzipSync(file); } catch (e) { throw new NerModelError(`model file is not gzip data (${(e as Error).message})`); }
  if (raw.subarray(0, MAGIC.length).toString() !== MAGIC) throw new NerModelError('model file does not start with the wirewatch-ner magic line');
  const hlen = raw.readUInt32LE(MAGIC.length);
  let header: ModelHeader;
  try { header = JSON.parse(raw.subarray(MAGIC.length + 4, MAGIC.length + 4 + hlen).toString()) as ModelHeader; } catch (e) {
    throw new NerModelError(`model file header is not JSON (${(e as Error).message})`);
  }
  const start = MAGIC.length + 4 + hlen;
  const r = new Reader(raw.subarray(start + ((4 - (start & 3)) & 3)));
  const stages: Stage[] = [];
  for (let i = 0; i < header.stages; i++) {
    const keys = r.i32('keys'), scales = r.f32('scales'), weights = r.i8('weights'), trans = r.f32('transitions');
    if (scales.length !== keys.length || weights.length !== keys.length * LABELS || trans.length !== LABELS * LABELS) {
      throw new NerModelError(`model file stage ${i + 1} has inconsistent section sizes`);
    }
    stages.push({ keys, scales, weights, trans, table: new FeatureTable(keys) });
  }
  const gk = r.i32('gazetteer'), gm = r.u8('gazetteer'), gf = r.i32('gazetteer');
  if (gm.length !== gk.length) throw new NerModelError('model file gazetteer has inconsistent section sizes');
  const gazetteer = new Gazetteer(gk, gm, gf, r.u32('gazetteer'));
  const prior = parseLines(r.text('prior'));
  return { header, stages, resources: { prior, gazetteer } };
}
