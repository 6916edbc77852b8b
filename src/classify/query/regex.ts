/**
 * `/regex/flags` in a query runs on RE2 (re2js, a pure JavaScript port): time linear in the
 * text whatever the pattern, so a watch-list cannot stall a worker on hostile text (the
 * backtracking RegExp took seconds on `(\w+\s?)+:` over a few dozen characters). RE2 has no
 * backreferences, lookaround, atomic groups or possessive quantifiers: a pattern using them is
 * refused at its place, saying why. JavaScript escapes (`\u00e9`, `\cA`, `\/`) are translated.
 */
import { RE2JS } from 're2js';
import { SyntaxProblem } from './errors.js';

const WHY = 'RE2 runs in linear time and has no';

/** Constructs RE2 cannot run, found outside character classes: [what they start with, why]. */
const REFUSED: [RegExp, (m: string) => string][] = [
  [/^\(\?<[=!]/, (m) => `${WHY} lookbehind; rewrite without ${m}...)`],
  [/^\(\?[=!]/, (m) => `${WHY} lookahead; rewrite without ${m}...)`],
  [/^\(\?>/, () => `${WHY} atomic groups; write (?:...) instead of (?>...)`],
  [/^\\[1-9]/, (m) => `${WHY} backreferences; rewrite without ${m}`],
  [/^\\k</, () => `${WHY} backreferences; rewrite without \\k<...>`],
  [/^[*+?}]\+/, (m) => `${WHY} possessive quantifiers; write ${m[0]} instead of ${m}`],
];

/**
 * The offset (into the pattern) and message of the first construct RE2 refuses, if any. Scans
 * the pattern once, skipping escapes and character classes, where these are plain characters.
 */
function refusedConstruct(source: string): { at: number; message: string } | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') { inClass = true; continue; }
    if (c !== '(' && c !== '\\' && c !== '*' && c !== '+' && c !== '?' && c !== '}') continue;
    const ahead = source.slice(i, i + 4);
    for (const [pattern, why] of REFUSED) {
      const m = pattern.exec(ahead);
      if (m) return { at: i, message: why(m[0]) };
    }
    if (c === '\\') i++;
  }
  return undefined;
}

function flagBits(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  return bits; // u: RE2 reads Unicode anyway
}

/**
 * Compiles a query regex (flags i, m, s, u) for RE2; throws SyntaxProblem at the offending
 * character (`offset` is where the regex, its opening slash, starts in the query).
 */
export function compileRegex(source: string, flags: string, offset: number): RE2JS {
  const refused = refusedConstruct(source);
  if (refused) throw new SyntaxProblem(refused.message, offset + 1 + refused.at);
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), flagBits(flags));
  } catch (err) {
    // RE2JS quotes the pattern with the flags it put in front ((?i)...): show the pattern as written.
    const detail = (err as Error).message.replace(/^error parsing regexp: /, '').replace(/`\(\?[ims]+\)/, '`');
    throw new SyntaxProblem(`invalid regex for RE2 (linear-time, no lookaround or backreferences): ${detail}`, offset);
  }
  // A pattern that matches empty text would hit every article.
  if (re.matcher('').find()) throw new SyntaxProblem('this /regex/ matches empty text, so it would hit every article', offset);
  return re;
}
