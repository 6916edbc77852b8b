/**
 * The token index shared by every watch-list: each distinct unit (a word form, a
 * case-sensitive word, a prefix) and each distinct sequence of units (a phrase) is stored
 * once, so an article's token is looked up once whatever the number of watch-lists.
 */
import type { Unit } from './query-ast.js';
import { FNV_OFFSET, FNV_PRIME, foldForm, hashWord } from './normalize.js';
import { TokenTable } from './token-table.js';

const EMPTY: readonly number[] = Object.freeze([]);

export class TermIndex {
  private readonly unitIds = new Map<string, number>();
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
  /** Folded form -> index into formUnits: the word and case-sensitive units of that form. */
  private readonly forms = new TokenTable();
  private readonly formUnits: number[][] = [];
  /** Whether a form has case-sensitive units, which need the token's raw form. */
  private readonly formHasCase: boolean[] = [];
  /** Prefix (folded) -> its prefix unit; prefixLengths are the distinct lengths, ascending. */
  private readonly prefixes = new TokenTable();
  private prefixLengths: number[] = [];

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
    if (u.mode === 'prefix') this.addPrefix(u.value, id);
    else this.addForm(u.mode === 'case' ? foldForm(u.value) : u.value, id, u.mode === 'case');
    return id;
  }

  private addForm(folded: string, id: number, caseSensitive: boolean): void {
    let form = this.forms.get(folded, hashWord(folded));
    if (form < 0) {
      form = this.formUnits.length;
      this.forms.set(folded, form);
      this.formUnits.push([]);
      this.formHasCase.push(false);
    }
    this.formUnits[form]!.push(id);
    if (caseSensitive) this.formHasCase[form] = true;
  }

  private addPrefix(value: string, id: number): void {
    this.prefixes.set(value, id);
    if (!this.prefixLengths.includes(value.length)) this.prefixLengths = [...this.prefixLengths, value.length].sort((x, y) => x - y);
  }

  /** The unit ids a token matches, given its case-kept and folded forms and hashWord(folded). */
  unitsOf(raw: string, folded: string, hash: number): readonly number[] {
    const form = this.forms.get(folded, hash);
    let units: readonly number[] = EMPTY;
    if (form >= 0) units = this.formHasCase[form] ? this.caseFiltered(this.formUnits[form]!, raw) : this.formUnits[form]!;
    const lengths = this.prefixLengths;
    if (lengths.length === 0 || folded.length < lengths[0]!) return units;
    return this.withPrefixes(units, folded);
  }

  private caseFiltered(ids: number[], raw: string): readonly number[] {
    const out = ids.filter((id) => this.unitMode[id] === 'fold' || this.unitValue[id] === raw);
    return out.length === 0 ? EMPTY : out;
  }

  /** Adds the prefix units the folded token starts with, hashing its prefixes incrementally. */
  private withPrefixes(units: readonly number[], folded: string): readonly number[] {
    let out: number[] | undefined;
    let h = FNV_OFFSET;
    let k = 0;
    for (const length of this.prefixLengths) {
      if (length > folded.length) break;
      for (; k < length; k++) h = Math.imul(h ^ folded.charCodeAt(k), FNV_PRIME);
      const unit = this.prefixes.getPrefix(folded, length, h >>> 0);
      if (unit >= 0) (out ??= units.slice()).push(unit);
    }
    return out ?? units;
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
