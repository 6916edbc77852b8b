/**
 * The last resort when a document declares no charset and is not UTF-8: try the legacy
 * encodings a news feed is likely to be in and keep the one whose text looks most like
 * writing in a single script. Multi-byte encodings reject most foreign byte streams outright;
 * among single-byte Cyrillic tables, real text is mostly lower case, which separates KOI8-R
 * from windows-1251.
 */
import iconv from 'iconv-lite';

interface Candidate {
  encoding: string;
  /** The commonest characters of text in this encoding's language(s), most frequent first. */
  common: string;
  /** Letters in the script: how often random bytes would land on `common` by chance. */
  alphabet: number;
}

// Frequency lists, not script ranges: bytes of one legacy encoding read as another still land
// in a plausible script (Hebrew read as windows-1251 is lower-case Cyrillic), but rarely on
// the characters that writing in that language is mostly made of.
const JAPANESE = 'のにはをたがでてとしれさあるいうかなっースンルクトリ日本人年月大中一会者出';
const KOREAN = '이다는의에고하을가로한지기서사리도자대어수으해일나아있그부보시정국인';
const SIMPLIFIED = '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用新闻日月';
const TRADITIONAL = '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用新聞日月';
const RUSSIAN = 'оеаинтсрвлкмдпуяыьгзбчйх';
const CANDIDATES: Candidate[] = [
  { encoding: 'shift_jis', common: JAPANESE, alphabet: 20_000 },
  { encoding: 'euc-jp', common: JAPANESE, alphabet: 20_000 },
  { encoding: 'euc-kr', common: KOREAN, alphabet: 11_172 },
  { encoding: 'gb18030', common: SIMPLIFIED, alphabet: 20_000 },
  { encoding: 'big5', common: TRADITIONAL, alphabet: 20_000 },
  { encoding: 'windows-1251', common: RUSSIAN, alphabet: 66 },
  { encoding: 'koi8-r', common: RUSSIAN, alphabet: 66 },
  { encoding: 'windows-1255', common: 'יוהלמארתבנשעכדקפםןצסגזטחך', alphabet: 27 },
  { encoding: 'windows-874', common: 'านรอกเงมยลวดทสตะคขบปพหิีไใแโ่้', alphabet: 87 },
  { encoding: 'windows-1253', common: 'αοιετσνηυρπκμλωδγχθφβζξψςάέήίόύώ', alphabet: 70 },
];

function decodeStrict(bytes: Buffer, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of the non-ASCII characters that are among the language's commonest. */
function score(text: string, candidate: Candidate): number {
  let nonAscii = 0;
  let hits = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    nonAscii += 1;
    if (candidate.common.includes(ch)) hits += 1;
  }
  return nonAscii === 0 ? 0 : hits / nonAscii;
}

/**
 * The likeliest legacy encoding of `bytes`, or undefined when none reads as text (then the
 * caller keeps its lenient UTF-8). Only the first 64 KB are examined.
 */
export function guessEncoding(bytes: Buffer): string | undefined {
  const sample = bytes.subarray(0, 65_536);
  let best: { encoding: string; weight: number } | undefined;
  for (const candidate of CANDIDATES) {
    const text = decodeStrict(sample, candidate.encoding) ?? (sample.length === bytes.length ? undefined : decodeStrict(sample.subarray(0, sample.length - 4), candidate.encoding));
    if (text === undefined) continue;
    const share = score(text, candidate);
    // How much likelier than chance: a big script hit by its commonest few is strong evidence.
    const weight = share / (candidate.common.length / candidate.alphabet);
    if (share >= 0.1 && (best === undefined || weight > best.weight)) best = { encoding: candidate.encoding, weight };
  }
  return best !== undefined && best.weight > 1.2 ? best.encoding : undefined;
}

/** Decodes with the guessed encoding (iconv-lite for names TextDecoder lacks). */
export function decodeAs(bytes: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return iconv.decode(bytes, encoding);
  }
}
