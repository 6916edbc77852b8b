/**
 * The token index shared by every watch-list: each distinct unit (a word form, a
 * case-sensitive word, a prefix) and each distinct sequence of units (a phrase) is stored
 * once, so an article's token is looked up once whatever the number of watch-lists.
 * Compiling fills Maps and arrays; the first lookup seals them into typed arrays (see
 * Sealed), which stay in cache where a thousand watch-lists of objects would not.
 */
import type { Unit } from '../query/ast.js';
import { FNV_OFFSET, FNV_PRIME, foldForm, hashWord, type TokenizedText } from '../tokenize/normalize.js';
import { CASE_CAP, CASE_EXACT, CASE_FOLD, UNIT_INFO } from '../tokenize/match-text.js';
import type { SealedLookup, TermLookup } from '../types.js';
import { BitFilter, PackedKeys, RECORD } from './token-table.js';
import { packRows } from './rows.js';

/** What a lookup needs, in typed arrays. */
interface Sealed extends SealedLookup {
  /**
   * Folded form -> its word and case-sensitive units: payload [unit, -1] for the common form
   * of one word unit, else [start, count] in formUnits.
   */
  forms: PackedKeys;
  formUnits: Int32Array;
  /** Prefix -> payload [its prefix unit, 0]. */
  prefixes: PackedKeys;
  /** Distinct prefix lengths, ascending. */
  prefixLengths: Int32Array;
  /** The prefixes' first prefixLengths[0] chars: a token that starts with none needs no probe. */
  prefixStems: BitFilter;
}

export class TermIndex implements TermLookup {
  private readonly unitIds = new Map<string, number>();
  private readonly unitMode: Unit['mode'][] = [];
  private readonly unitValue: string[] = [];
  private readonly seqIds = new Map<string, number>();
  /** seq id -> its unit ids. */
  readonly seqUnits: number[][] = [];
  private readonly phrasesFrom: number[][] = [];
  private readonly singleSeqs: number[] = [];
  /** Folded form -> its word and case-sensitive units; prefix -> its prefix unit. */
  private readonly formUnits = new Map<string, number[]>();
  private readonly prefixUnits = new Map<string, number>();
  private sealedTables: Sealed | undefined;

  /** Registers a sequence of units (a word or phrase) and returns its id. */
  addSeq(units: Unit[]): number {
    const ids = units.map((u) => this.addUnit(u));
    const key = ids.join(',');
    const known = this.seqIds.get(key);
    if (known !== undefined) return known;
    const id = this.seqUnits.length;
    this.seqIds.set(key, id);
    this.seqUnits.push(ids);
    if (ids.length === 1) this.singleSeqs[ids[0]!] = id;
    else this.phrasesFrom[ids[0]!]!.push(id);
    this.sealedTables = undefined;
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
    this.singleSeqs.push(-1);
    this.phrasesFrom.push([]);
    if (u.mode === 'prefix') this.prefixUnits.set(u.value, id);
    else pushTo(this.formUnits, u.mode === 'case' ? foldForm(u.value) : u.value, id);
    return id;
  }

  /** The lookup tables, built on first use after the last change. */
  get sealed(): Sealed {
    return (this.sealedTables ??= this.seal());
  }

  private seal(): Sealed {
    const prefixes = [...this.prefixUnits];
    const prefixLengths = Int32Array.from(new Set(prefixes.map(([p]) => p.length))).sort();
    const forms = [...this.formUnits];
    const formRows = packRows(forms.map(([, units]) => units));
    const phrases = packRows(this.phrasesFrom);
    const unitInfo = new Int32Array(UNIT_INFO * this.unitMode.length);
    const caseOf = (mode: Unit['mode']) => (mode === 'case' ? CASE_EXACT : mode === 'cap' ? CASE_CAP : CASE_FOLD);
    this.unitMode.forEach((mode, u) => {
      unitInfo.set([this.singleSeqs[u]!, phrases.start[u]!, phrases.start[u + 1]!, caseOf(mode)], UNIT_INFO * u);
    });
    const single = (units: number[]) => units.length === 1 && this.unitMode[units[0]!] === 'fold';
    return {
      forms: new PackedKeys(forms.map(([f]) => f), (e) => (single(forms[e]![1]) ? [forms[e]![1][0]!, -1] : [formRows.start[e]!, forms[e]![1].length])),
      formUnits: formRows.values,
      prefixes: new PackedKeys(prefixes.map(([p]) => p), (e) => [prefixes[e]![1], 0]),
      prefixLengths,
      prefixStems: new BitFilter(prefixes.map(([p]) => hashWord(p.slice(0, prefixLengths[0])))),
      unitInfo,
      phrases: phrases.values,
      seqUnits: packRows(this.seqUnits),
      seqCase: Uint8Array.from(this.seqUnits, (units) => (units.some((u) => caseOf(this.unitMode[u]!) !== CASE_FOLD) ? 1 : 0)),
    };
  }

  /** Appends to `out` the units token k matches; returns how many. */
  tokenUnitsInto(t: TokenizedText, k: number, out: number[]): number {
    const folded = t.storedFoldedAt(k);
    if (folded !== undefined) return this.unitsInto(t.storedRawAt(k)!, folded, t.hashes[k]!, out);
    // A plain ASCII word: its raw form is the text, its folded form the text lower-cased.
    return this.unitsAt(t.text, t.starts[k]!, t.ends[k]! - t.starts[k]!, t.hashes[k]!, out);
  }

  /**
   * Appends to `out` the units a token matches, given its case-kept and folded forms and
   * hashWord(folded); returns how many.
   */
  unitsInto(raw: string, folded: string, hash: number, out: number[]): number {
    return this.unitsAt(raw, 0, raw.length, hash, out, folded);
  }

  /**
   * The units of the token whose raw form is text[from .. from + length) and whose folded form
   * is `folded` when given, else that same text with ASCII capitals lowered.
   */
  private unitsAt(text: string, from: number, length: number, hash: number, out: number[], folded?: string): number {
    const s = this.sealed;
    const before = out.length;
    const key = folded ?? text;
    const keyFrom = folded === undefined ? from : 0;
    const keyLength = folded === undefined ? length : folded.length;
    const form = s.forms.find(key, keyFrom, keyLength, hash);
    if (form >= 0) {
      const at = RECORD * form;
      const count = s.forms.records[at + 3]!;
      if (count < 0) out.push(s.forms.records[at + 2]!);
      else {
        for (let k = s.forms.records[at + 2]!, end = k + count; k < end; k++) {
          const unit = s.formUnits[k]!;
          const rule = s.unitInfo[UNIT_INFO * unit + 3];
          if (rule === CASE_FOLD || (rule === CASE_CAP ? startsWithCapital(text, from) : sameText(this.unitValue[unit]!, text, from, length))) out.push(unit);
        }
      }
    }
    const lengths = s.prefixLengths;
    if (lengths.length > 0 && keyLength >= lengths[0]!) this.prefixesInto(s, key, keyFrom, keyLength, out);
    return out.length - before;
  }

  /** Adds the prefix units the token starts with, hashing its folded prefixes incrementally. */
  private prefixesInto(s: Sealed, key: string, from: number, length: number, out: number[]): void {
    let h = FNV_OFFSET;
    let k = 0;
    for (let l = 0; l < s.prefixLengths.length; l++) {
      const prefix = s.prefixLengths[l]!;
      if (prefix > length) break;
      for (; k < prefix; k++) {
        const c = key.charCodeAt(from + k);
        h = Math.imul(h ^ (c >= 65 && c <= 90 ? c | 32 : c), FNV_PRIME);
      }
      if (l === 0 && !s.prefixStems.mayHave(h >>> 0)) return;
      const entry = s.prefixes.find(key, from, prefix, h >>> 0);
      if (entry >= 0) out.push(s.prefixes.records[RECORD * entry + 2]!);
    }
  }

  /** The unit ids a token matches (see unitsInto). */
  unitsOf(raw: string, folded: string, hash: number): number[] {
    const out: number[] = [];
    this.unitsInto(raw, folded, hash, out);
    return out;
  }

  /** The words of a seq, or undefined for a unit that is a prefix (it has no sound). */
  seqWords(seq: number): (string | undefined)[] {
    return this.seqUnits[seq]!.map((u) => (this.unitMode[u] === 'prefix' ? undefined : foldForm(this.unitValue[u]!)));
  }

  get unitCount(): number {
    return this.unitMode.length;
  }
}

/** Whether the character at text[from] is a capital letter. */
function startsWithCapital(text: string, from: number): boolean {
  const code = text.charCodeAt(from);
  if (code < 128) return code >= 65 && code <= 90;
  const ch = String.fromCodePoint(text.codePointAt(from)!);
  return ch !== ch.toLowerCase();
}

/** Whether text[from .. from + length) is exactly value. */
function sameText(value: string, text: string, from: number, length: number): boolean {
  if (value.length !== length) return false;
  for (let k = 0; k < length; k++) if (value.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}
