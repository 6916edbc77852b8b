/** `wirewatch suggest` as text: what to change, the figures each change gives, and the diff. */
import { formatFigures } from './figures.js';
import type { Suggestion, TermSuggestion } from './suggestion.js';

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0$/, ''));
const SIGNS = { add: '+', exclude: 'NOT', against: '-', near: 'NEAR' } as const;

function termLine(t: TermSuggestion, s: Suggestion): string {
  const counts = `in ${t.inMisses}/${s.before.falseNegatives} misses, ${t.inPositives}/${s.cases.must} must, ${t.inNegatives}/${s.cases.mustNot} mustNot`;
  const term = t.weight === undefined ? t.term : `${t.term} ${t.weight}`;
  return `  ${SIGNS[t.kind].padEnd(3)} ${term.padEnd(24)} ${counts.padEnd(44)} then ${formatFigures(t.after)} at threshold ${num(t.threshold)}`;
}

function termsHeader(s: Suggestion): string {
  if (s.terms.length === 0) return 'terms to add or exclude: none that holds up on held-back cases';
  if (s.scoring === 'learned') {
    return 'terms with their weights, strongest first (+ ORs a term into the query, - counts against: in the weights only);\n'
      + 'counts are the cases that contain the term, figures are with the list\'s own terms, this term and those above:';
  }
  const near = s.terms.some((t) => t.kind === 'near') ? ', NEAR makes a term of the query count only near another' : '';
  return `changes, in the order they help (+ ORs a term into the query, NOT excludes one found in no must case${near});\ncounts are the cases that contain the term, figures are with this and the earlier changes:`;
}

function scoringLines(s: Suggestion): string[] {
  if (s.scoring === 'hits') return ['scoring: weight 1 on every term, so a term mentioned again counts again (up to 3 hits); this did better on held-back cases than counting distinct terms'];
  if (s.scoring !== 'learned') return [];
  const newTerms = new Set(s.terms.map((t) => t.term));
  const own = Object.entries(s.weights ?? {}).filter(([t]) => !newTerms.has(t)).map(([t, w]) => `${t} ${w}`);
  return [
    'scoring: a weight for every term, learned from the cases (each mention counts, up to 3 a term); the list flags when the sum reaches the threshold, so several terms flag together where one alone does not',
    `  the list's own terms: ${own.join(', ') || 'none'}`,
  ];
}

export function formatSuggestion(s: Suggestion, diff: string): string {
  const lines = [
    `suggest for ${s.watchlist}: ${s.cases.must} must and ${s.cases.mustNot} mustNot cases; a term must occur in ${s.minSupport} or more must cases`,
    `  now                 ${formatFigures(s.before)}`,
    `  suggested           ${formatFigures(s.after)} on the cases it learned from`,
    `  held back           ${formatFigures(s.heldOut.after)} (${s.heldOut.folds}-fold cross-validation: learned without the cases it is judged on)`,
    '',
  ];
  lines.push(termsHeader(s));
  for (const t of s.terms) lines.push(termLine(t, s));
  if (s.aliases.length === 0) lines.push('aliases: none found in the misses');
  else lines.push('aliases (names the recognizer found in the misses):');
  for (const a of s.aliases) lines.push(`  +   @${a.entity} alias ${JSON.stringify(a.alias)}  in ${a.inMisses} misses, ${a.inNegatives} mustNot; then ${formatFigures(a.after)}`);
  lines.push(...scoringLines(s));
  lines.push(`threshold: ${num(s.thresholdOnly.threshold)} alone (nothing else changed) gives ${formatFigures(s.thresholdOnly.figures)}; with the changes above: ${num(s.threshold)}`);
  lines.push('', diff || 'no change to watchlists.yaml');
  return lines.join('\n') + '\n';
}
