/**
 * One type per name in a document. News names an entity several times, and a name typed
 * differently in different sentences ("Yukos" a person in one, an organization in three
 * others) takes the type most of its mentions got, mentions where case speaks counting double;
 * a lone surname votes with the full names it ends ("Blair" beside "Tony Blair").
 */
import type { Doc } from './doc.js';
import { gazetteerKey } from './features.js';
import { B, I, L, U, encodeSpan, partOf, typeOf } from './labels.js';

const PERSON = 0;
/**
 * How many times the votes of the span's own type the winning type needs. CoNLL-2003 has real
 * mixes (a country and its team), and a bare majority cost 0.001 F1 on eng.testa; twice the
 * votes left testa as it was and still removed four in five type flips on BBC News.
 */
const MARGIN = 2;

interface Spans { from: number[]; to: number[]; type: number[]; key: number[] }

/** The names of a label sequence as [from, to) token ranges, with their type and gazetteer key. */
function spansIn(doc: Doc, labels: Uint8Array): Spans {
  const out: Spans = { from: [], to: [], type: [], key: [] };
  let open = -1;
  for (let k = 0; k < doc.n; k++) {
    const part = partOf(labels[k]!);
    if (part === B) open = k;
    else if (part === U || (part === L && open >= 0)) {
      const from = part === U ? k : open;
      out.from.push(from); out.to.push(k + 1); out.type.push(typeOf(labels[k]!)); out.key.push(gazetteerKey(doc.hLow, from, k + 1));
      open = -1;
    } else if (part !== I) open = -1;
  }
  return out;
}

export function agreeTypes(doc: Doc, labels: Uint8Array): void {
  const s = spansIn(doc, labels);
  const votes = new Map<number, number[]>();
  const vote = (key: number, type: number, weight: number) => {
    let v = votes.get(key);
    if (!v) votes.set(key, (v = [0, 0, 0, 0]));
    v[type]! += weight;
  };
  for (let i = 0; i < s.key.length; i++) {
    const weight = doc.uninf[s.from[i]!] ? 1 : 2;
    vote(s.key[i]!, s.type[i]!, weight);
    if (s.type[i] === PERSON && s.to[i]! - s.from[i]! > 1) vote(gazetteerKey(doc.hLow, s.to[i]! - 1, s.to[i]!), PERSON, weight);
  }
  for (let i = 0; i < s.key.length; i++) {
    const v = votes.get(s.key[i]!)!, own = s.type[i]!;
    let best = own;
    for (let t = 0; t < 4; t++) if (v[t]! > v[best]!) best = t;
    if (best !== own && v[best]! >= v[own]! * MARGIN) encodeSpan(labels, s.from[i]!, s.to[i]!, best);
  }
}
