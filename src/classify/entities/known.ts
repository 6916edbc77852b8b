/**
 * Name variants the recognizer merges into one canonical entity whatever the article says:
 * transliterations, abbreviations, informal names. Per-article merging (surnames, acronyms
 * defined in parentheses, spelling variants by sound) covers the rest.
 */
import type { NameType } from '../types.js';
import { foldKey } from '../tokenize/normalize.js';

export interface Known {
  name: string;
  type: NameType;
  variants: string[];
}

const KNOWN: Known[] = [
  { name: 'Muammar Gaddafi', type: 'person', variants: ['Gaddafi', 'Gadhafi', 'Qaddafi', 'Qadhafi', 'Kadafi', 'Moammar Gadhafi', 'Moammar Gaddafi', 'Muammar Gadhafi', 'Muammar al-Gaddafi', 'Muammar Qaddafi'] },
  { name: 'United States', type: 'place', variants: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'] },
  { name: 'United Kingdom', type: 'place', variants: ['UK', 'U.K.', 'Britain', 'Great Britain'] },
  { name: 'Pentagon', type: 'org', variants: ['Department of Defense', 'Defense Department', 'DoD', 'US Department of Defense', 'U.S. Department of Defense'] },
  { name: 'Islamic State', type: 'org', variants: ['ISIS', 'ISIL', 'IS', 'Daesh', 'Islamic State of Iraq and Syria', 'Islamic State of Iraq and the Levant'] },
  { name: 'al-Qaeda', type: 'org', variants: ['al Qaeda', 'al-Qaida', 'al Qaida', 'Al-Qaeda'] },
  { name: 'AFRICOM', type: 'org', variants: ['U.S. Africa Command', 'US Africa Command', 'United States Africa Command', 'Africa Command'] },
  { name: 'CENTCOM', type: 'org', variants: ['U.S. Central Command', 'US Central Command', 'Central Command'] },
  { name: 'United Nations', type: 'org', variants: ['UN', 'U.N.'] },
  { name: 'European Union', type: 'org', variants: ['EU', 'E.U.'] },
  { name: 'NATO', type: 'org', variants: ['North Atlantic Treaty Organization'] },
  { name: 'Government of National Accord', type: 'org', variants: ['GNA'] },
  { name: 'Free Syrian Army', type: 'org', variants: ['FSA'] },
  { name: 'Syrian Democratic Forces', type: 'org', variants: ['SDF'] },
  { name: 'Nusra Front', type: 'org', variants: ['Nusra', 'al-Nusra Front', 'Jabhat al-Nusra'] },
  { name: 'World Health Organization', type: 'org', variants: ['WHO'] },
  { name: 'Liberal Democrats', type: 'org', variants: ['Lib Dems', 'LibDems', 'Lib Dem', 'LibDem'] },
];

const BY_VARIANT = new Map<string, Known>();
for (const k of KNOWN) {
  for (const v of [k.name, ...k.variants]) BY_VARIANT.set(foldKey(v), k);
}

/**
 * The canonical entry a name (given as its folded key, see foldKey) is a known variant of,
 * whatever type the recognizer guessed: the entry's type is the one to show.
 */
export function findKnown(key: string): Known | undefined {
  return BY_VARIANT.get(key);
}
