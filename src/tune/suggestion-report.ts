/** `wirewatch suggest` as text: what to change, the figures each change gives, and the diff. */
import { formatFigures } from './figures.js';
import type { Suggestion, TermSuggestion } from './suggestion.js';

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function termLine(t: TermSuggestion, s: Suggestion): string {
  const counts = `in ${t.inMisses}/${s.before.falseNegatives} misses, ${t.inPositives}/${s.cases.must} must, ${t.inNegatives}/${s.cases.mustNot} mustNot`;
  const sign = t.kind === 'add' ? '+' : 'NOT';
  return `  ${sign.padEnd(3)} ${t.term.padEnd(24)} ${counts.padEnd(44)} then ${formatFigures(t.after)} at threshold ${num(t.threshold)}`;
}

export function formatSuggestion(s: Suggestion, diff: string): string {
  const lines = [
    `suggest for ${s.watchlist}: ${s.cases.must} must and ${s.cases.mustNot} mustNot cases; a term must occur in ${s.minSupport} or more must cases`,
    `  now                 ${formatFigures(s.before)}`,
    `  suggested           ${formatFigures(s.after)} on the cases it learned from`,
    `  held back           ${formatFigures(s.heldOut.after)} (${s.heldOut.folds}-fold cross-validation: learned without the cases it is judged on)`,
    '',
  ];
  lines.push(s.terms.length
    ? 'changes, in the order they help (+ ORs a term into the query, NOT excludes one found in no must case);\ncounts are the cases that contain the term, figures are with this and the earlier changes:'
    : 'terms to add or exclude: none that holds up on held-back cases');
  for (const t of s.terms) lines.push(termLine(t, s));
  if (s.aliases.length === 0) lines.push('aliases: none found in the misses');
  else lines.push('aliases (names the recognizer found in the misses):');
  for (const a of s.aliases) lines.push(`  +   @${a.entity} alias ${JSON.stringify(a.alias)}  in ${a.inMisses} misses, ${a.inNegatives} mustNot; then ${formatFigures(a.after)}`);
  if (s.countHits) lines.push('scoring: weight 1 on every term, so a term mentioned again counts again (up to 3 hits); this did better on held-back cases than counting distinct terms');
  lines.push(`threshold: ${num(s.thresholdOnly.threshold)} alone (nothing else changed) gives ${formatFigures(s.thresholdOnly.figures)}; with the changes above: ${num(s.threshold)}`);
  lines.push('', diff || 'no change to watchlists.yaml');
  return lines.join('\n') + '\n';
}
