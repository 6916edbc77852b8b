/**
 * The token index shared by every watch-list: each distinct unit (a word form, a
 * case-sensitive word, a prefix) and each distinct sequence of units (a phrase) is stored
 * once, so an article's token is looked up once whatever the number of watch-lists.
 */
import type { Unit } from './query-ast.js';
import { foldForm } from './normalize.js';

const EMPTY: readonly number[] = Object.freeze([]);
/** Bound on the word -> units memo, so a stream of rare words cannot grow it forever. */
const MEMO_LIMIT = 200_000;

export class TermIndex {
  private readonly unitIds = new Map<string, number>();
  private readonly byFold = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly unitMode: Unit['mode'][] = [];
  private readonly unitValue: string[] = [];
  private readonly seqIds = new Map<string, number>();
  /** seq id -> its unit ids. */
  readonly seqUnits: number[][] = [];
  /** unit id -> the seqs of two or more units that start with it. */
  readonly seqsStartingWith = new Map<number, number[]>();
  /** unit id -> the one-unit seq made of it, or -1. */
  readonly singleSeq: number[] = [];
  private memo = new Map<string, readonly number[]>();

  /** Registers a sequence of units (a word or phrase) and returns its id. */
  addSeq(units: Unit[]): number {
    const ids = units.map((u) => this.addUnit(u));
    const key = ids.join(',');
    const known = this.seqIds.get(key);
    if (known !== undefined) return known;
    const id = this.seqUnits.length;
    this.seqIds.set(key, id);
    this.seqUnits.push(ids);
    if (ids.length === 1) this.singleSeq[ids[0]!] = id;
    else pushTo(this.seqsStartingWith, ids[0]!, id);
    this.memo = new Map();
    return id;
  }

  private addUnit(u: Unit): number {
    const key = `${u.mode}\u0000${u.value}`;
    const known = this.unitIds.get(key);
    if (known !== undefined) return known;
    const id = this.unitMode.length;
    this.unitIds.set(key, id);
    this.unitMode.push(u.mode);
    this.unitValue.push(u.value);
    this.singleSeq.push(-1);
    if (u.mode === 'prefix') pushTo(this.byPrefix, u.value.slice(0, 3), id);
    else pushTo(this.byFold, u.mode === 'case' ? foldForm(u.value) : u.value, id);
    return id;
  }

  /** The unit ids a token matches, given its case-kept and folded forms. */
  unitsOf(raw: string, folded: string): readonly number[] {
    let units = this.memo.get(raw);
    if (units === undefined) {
      units = this.computeUnits(raw, folded);
      if (this.memo.size >= MEMO_LIMIT) this.memo = new Map();
      this.memo.set(raw, units);
    }
    return units;
  }

  private computeUnits(raw: string, folded: string): readonly number[] {
    const out: number[] = [];
    for (const id of this.byFold.get(folded) ?? EMPTY) {
      if (this.unitMode[id] === 'fold' || this.unitValue[id] === raw) out.push(id);
    }
    if (folded.length >= 3) {
      for (const id of this.byPrefix.get(folded.slice(0, 3)) ?? EMPTY) {
        if (folded.startsWith(this.unitValue[id]!)) out.push(id);
      }
    }
    return out.length === 0 ? EMPTY : out;
  }

  /** The words of a seq, or undefined for a unit that is a prefix (it has no sound). */
  seqWords(seq: number): (string | undefined)[] {
    return this.seqUnits[seq]!.map((u) => (this.unitMode[u] === 'prefix' ? undefined : foldForm(this.unitValue[u]!)));
  }

  get unitCount(): number {
    return this.unitMode.length;
  }
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}
