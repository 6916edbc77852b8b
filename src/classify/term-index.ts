/**
 * The token index shared by every watch-list: each distinct unit (a word form, a
 * case-sensitive word, a prefix) and each distinct sequence of units (a phrase) is stored
 * once, so an article's token is looked up once whatever the number of watch-lists.
 */
import type { Unit } from './query-ast.js';
import { foldForm } from './normalize.js';

const EMPTY: readonly number[] = Object.freeze([]);
/** Slots of the word -> units memo (a power of 2); it is cleared at half full, so a stream of rare words cannot grow it. */
const MEMO_SLOTS = 1 << 18;
const MEMO_MASK = MEMO_SLOTS - 1;

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
  /** unit id -> 1 when a seq of two or more units starts with it. */
  readonly startsPhrase: number[] = [];
  // Memo of token -> units: an open-addressing table keyed by the tokenizer's hash, so a token
  // is hashed once, while it is scanned (a Map would hash every fresh string again).
  // Allocated on first use: a classifier compiled only to check a config never needs it.
  private memoKeys: (string | undefined)[] = [];
  private memoValues: (readonly number[])[] = [];
  private memoSize = 0;

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
    else {
      pushTo(this.seqsStartingWith, ids[0]!, id);
      this.startsPhrase[ids[0]!] = 1;
    }
    if (this.memoSize > 0) this.clearMemo(); // a new seq may change what a memoized token matches
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
    this.startsPhrase.push(0);
    if (u.mode === 'prefix') pushTo(this.byPrefix, u.value.slice(0, 3), id);
    else pushTo(this.byFold, u.mode === 'case' ? foldForm(u.value) : u.value, id);
    return id;
  }

  private clearMemo(): void {
    this.memoKeys = new Array(MEMO_SLOTS);
    this.memoValues = new Array(MEMO_SLOTS);
    this.memoSize = 0;
  }

  /** The unit ids a token matches, given its case-kept and folded forms and hashWord(raw). */
  unitsOf(raw: string, folded: string, hash: number): readonly number[] {
    if (this.memoKeys.length === 0) this.clearMemo();
    const keys = this.memoKeys;
    let slot = hash & MEMO_MASK;
    for (let key = keys[slot]; key !== undefined; key = keys[slot]) {
      if (key === raw) return this.memoValues[slot]!;
      slot = (slot + 1) & MEMO_MASK;
    }
    const units = this.computeUnits(raw, folded);
    if (this.memoSize >= MEMO_SLOTS / 2) {
      this.clearMemo();
      return units;
    }
    keys[slot] = raw;
    this.memoValues[slot] = units;
    this.memoSize++;
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
