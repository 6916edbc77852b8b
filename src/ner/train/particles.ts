/**
 * Training documents with particles in some person names. CoNLL-2003 has few names like
 * "Mohammed bin Salman", "Staffan de Mistura" or "Abu Bakr al-Baghdadi", and a model trained
 * on it alone reads the lower-case word as the end of the name; news is full of them. A
 * rewritten document puts a particle between the last two words of each person name of two
 * words or more (a word of its own, "bin", or joined to the surname, "al-"), the same particle
 * for every mention of that name, and joins the prefix to the surname when it stands alone.
 */
import type { ConllDoc, ConllSentence } from './conll.js';

const WORDS = ['bin', 'ibn', 'de', 'da', 'van', 'von', 'del', 'di', 'le', 'dos'];
const PREFIXES = ['al-', 'el-', 'Al-'];

/** Index ranges [from, to) of the person names of a sentence (IOB1 tags). */
function persons(s: ConllSentence): [number, number][] {
  const out: [number, number][] = [];
  let k = 0;
  while (k < s.tags.length) {
    if (s.tags[k] !== 'I-PER' && s.tags[k] !== 'B-PER') { k++; continue; }
    let e = k + 1;
    while (e < s.tags.length && s.tags[e] === 'I-PER') e++;
    out.push([k, e]);
    k = e;
  }
  return out;
}

export function withParticles(doc: ConllDoc, random: () => number): ConllDoc {
  const chosen = new Map<string, string>();
  const pick = (surname: string) => {
    let p = chosen.get(surname);
    if (!p) {
      const r = random();
      p = r < 0.5 ? WORDS[Math.floor(random() * WORDS.length)]! : PREFIXES[Math.floor(random() * PREFIXES.length)]!;
      chosen.set(surname, p);
    }
    return p;
  };
  for (const s of doc.sentences) for (const [from, to] of persons(s)) if (to - from > 1) pick(s.words[to - 1]!);
  const sentences = doc.sentences.map((s) => {
    const words: string[] = [], tags: string[] = [];
    const ends = new Map(persons(s).map(([from, to]) => [to - 1, to - from]));
    s.words.forEach((w, k) => {
      const p = chosen.get(w), len = ends.get(k);
      if (p && len !== undefined && p.endsWith('-')) { words.push(p + w); tags.push(s.tags[k]!); return; }
      if (p && len !== undefined && len > 1) { words.push(p); tags.push('I-PER'); }
      words.push(w); tags.push(s.tags[k]!);
    });
    return { words, tags };
  });
  return { sentences };
}
