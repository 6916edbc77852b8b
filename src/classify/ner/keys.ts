/** Comparison keys for names: exact-ish (folded) and by sound (for transliterations). */
import { tokenizeText } from '../normalize.js';

/** Folded tokens joined by spaces: "U.S. Africa-Command" -> "us africa command". */
export function foldKey(name: string): string {
  return tokenizeText(name).folded.join(' ');
}

/**
 * A rough sound key for one name token, so transliterations meet: Gaddafi, Gadhafi, Qaddafi
 * and Kadafi all become "kdf"; Muammar and Moammar "mmr". Digraphs lose their h, hard
 * consonants merge, vowels after the first letter go, and doubled letters collapse.
 */
export function soundKey(token: string): string {
  let s = token.toLowerCase().replace(/[^a-z]/g, '');
  if (s === '') return token.toLowerCase();
  s = s.replace(/ph/g, 'f').replace(/([dtkgsc])h/g, '$1').replace(/[qcg]/g, 'k').replace(/ck/g, 'k');
  s = s[0]!.replace(/[aeiouy]/, 'a') + s.slice(1).replace(/[aeiouyhw]/g, '');
  return s.replace(/(.)\1+/g, '$1');
}
