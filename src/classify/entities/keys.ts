/** Sound keys for names, so transliterations meet (the folded key is tokenize's foldKey). */

/** Names recur from article to article; five regular expressions a name are worth a memo. */
const soundKeys = new Map<string, string>();
const MAX_SOUND_KEYS = 50_000;

/**
 * A rough sound key for one name token, so transliterations meet: Gaddafi, Gadhafi, Qaddafi
 * and Kadafi all become "kdf"; Muammar and Moammar "mmr". Digraphs lose their h, hard
 * consonants merge, vowels after the first letter go, and doubled letters collapse.
 */
export function soundKey(token: string): string {
  let key = soundKeys.get(token);
  if (key === undefined) {
    // Bounded: a stream of new names must not grow it without end.
    if (soundKeys.size >= MAX_SOUND_KEYS) soundKeys.clear();
    key = computeSoundKey(token);
    soundKeys.set(token, key);
  }
  return key;
}

function computeSoundKey(token: string): string {
  let s = token.toLowerCase().replace(/[^a-z]/g, '');
  if (s === '') return token.toLowerCase();
  s = s.replace(/ph/g, 'f').replace(/([dtkgsc])h/g, '$1').replace(/[qcg]/g, 'k').replace(/ck/g, 'k');
  s = s[0]!.replace(/[aeiouy]/, 'a') + s.slice(1).replace(/[aeiouyhw]/g, '');
  return s.replace(/(.)\1+/g, '$1');
}
