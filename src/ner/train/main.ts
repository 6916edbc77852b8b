/**
 * npm run train:ner: rebuilds the shipped model from ../shared/corpora (eng.train to learn,
 * eng.testa only to report), and records in the model file the data and settings it came from.
 *
 *   node --import tsx src/ner/train/main.ts [--corpora DIR] [--out FILE] [--no-stage2] [--no-gazetteer]
 *     [--layouts lines|mixed] [--title-case X] [--epochs N] [--epochs2 N] [--seed N] [--prune X] [--min-count N]
 *     [--dropout X] [--particles X] [--stage2-scale X]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spansOf, labelDoc } from '../decode.js';
import { encodeModel, type ModelHeader } from '../model.js';
import { TYPES } from '../types.js';
import { layOut, readConll } from './conll.js';
import { evaluate, microF1 } from './evaluate.js';
import { CaseCounts, addNewsFile, feedTexts, filesUnder } from './lexicon.js';
import { trainModel, type TrainSettings, type Trained } from './pipeline.js';
import { formatTally, type Predicted } from './score.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const DEFAULT_MODEL = join(ROOT, 'src', 'ner', 'model', 'conll2003-en.ner.gz');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function settingsFromArgs(): TrainSettings {
  return {
    seed: Number(arg('--seed') ?? 20261126), folds: 5, epochs1: Number(arg('--epochs') ?? 15), epochs2: Number(arg('--epochs2') ?? 12),
    minCount: Number(arg('--min-count') ?? 1), prune: Number(arg('--prune') ?? 0.02),
    layouts: (arg('--layouts') ?? 'mixed') as TrainSettings['layouts'], titleCase: Number(arg('--title-case') ?? 0.5),
    gazetteer: !process.argv.includes('--no-gazetteer'), stage2: !process.argv.includes('--no-stage2'),
    dropout: Number(arg('--dropout') ?? 0.1), particles: Number(arg('--particles') ?? 0.15), stage2Scale: Number(arg('--stage2-scale') ?? 0.1),
  };
}

function fileRecord(path: string, role: string): ModelHeader['data'][number] {
  const bytes = readFileSync(path);
  return { file: relative(ROOT, path), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), role };
}

/** Capitalization prior over the unlabeled news and the raw text of eng.train. */
function casePrior(corpora: string, trainText: [string, string][]): { prior: Map<string, number>; sources: ModelHeader['unlabeled'] } {
  const counts = new CaseCounts();
  const sources: ModelHeader['unlabeled'] = [];
  const record = (source: string, files: string[]) => {
    const hash = createHash('sha256');
    let bytes = 0;
    for (const f of files) { const b = readFileSync(f); hash.update(b); bytes += b.length; }
    sources.push({ source, files: files.length, bytes, sha256: hash.digest('hex') });
  };
  const news = join(corpora, 'news', 'bbc');
  if (existsSync(news)) {
    const files = filesUnder(news).filter((f) => f.endsWith('.txt'));
    for (const f of files) addNewsFile(counts, f);
    record(relative(ROOT, news), files);
  }
  const feeds = join(corpora, 'feeds', 'realworld');
  if (existsSync(feeds)) {
    const files = filesUnder(feeds).filter((f) => statSync(f).size < 5_000_000);
    for (const f of files) for (const t of feedTexts(readFileSync(f, 'utf8'))) counts.add('', t);
    record(relative(ROOT, feeds), files);
  }
  for (const [title, body] of trainText) counts.add(title, body);
  sources.push({ source: 'eng.train tokens (labels unused)', files: 1, bytes: 0, sha256: '' });
  return { prior: counts.buckets(2), sources };
}

function recognizerOf(model: Trained, stages: number) {
  return (title: string, body: string): Predicted[] => {
    const { doc, first, final } = labelDoc(title, body, model.resources, model.stages[0]!, stages > 1 ? model.stages[1]! : null);
    return spansOf(doc, stages > 1 ? final : first).map((s) => ({ ...s, type: (['PER', 'ORG', 'LOC', 'MISC'] as const)[s.type]! }));
  };
}

function main(): void {
  const t0 = Date.now();
  const corpora = arg('--corpora') ?? join(ROOT, '..', 'shared', 'corpora');
  const out = arg('--out') ?? DEFAULT_MODEL;
  const trainPath = join(corpora, 'ner', 'eng.train'), devPath = join(corpora, 'ner', 'eng.testa');
  if (!existsSync(trainPath)) throw new Error(`train:ner: ${trainPath} not found (pass --corpora DIR)`);
  const settings = settingsFromArgs();
  const train = readConll(trainPath), dev = existsSync(devPath) ? readConll(devPath) : [];
  const { prior, sources } = casePrior(corpora, train.map((d) => { const l = layOut(d, 'lines'); return [l.title, l.body]; }));
  console.log(`case prior: ${prior.size} words (${Date.now() - t0} ms)`);
  const model = trainModel(train, prior, settings, (l) => console.log(l));
  const figures: Record<string, number> = {};
  for (let stages = 1; stages <= model.stages.length; stages++) {
    for (const layout of ['lines', 'paragraph'] as const) {
      const tally = evaluate(dev, layout, recognizerOf(model, stages));
      figures[`testa_${layout}_stage${stages}`] = Number(microF1(tally).toFixed(4));
      console.log(formatTally(`eng.testa, ${layout}, ${stages} stage(s)`, tally));
    }
  }
  const header: ModelHeader = {
    format: 'wirewatch-ner 2', created: new Date().toISOString().slice(0, 10),
    data: [fileRecord(trainPath, 'train'), ...(dev.length ? [fileRecord(devPath, 'tuning and reporting only')] : [])],
    unlabeled: sources,
    settings: { ...settings, labels: 'BILOU x ' + TYPES.join('/'), learner: 'averaged structured perceptron, Viterbi over label bigrams', features: FEATURE_FAMILIES },
    figures, stages: model.stages.length,
  };
  const file = encodeModel({ header, stages: model.stages, resources: model.resources });
  writeFileSync(out, file);
  console.log(`wrote ${out}: ${file.length} bytes, rows ${model.stages.map((s) => s.keys.length).join('+')}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const FEATURE_FAMILIES = [
  'decoded only in windows: words with a capital letter, the word before each, the word after unless a plain lower-case word',
  'word lower-cased and raw; words at -2..+2; shape with the word before and after', 'shape of -1..+1; short-shape trigram and bigrams at -2..-1, +1..+2',
  'prefixes and suffixes 1-4', 'flags (capitals, digits, hyphen, period, apostrophe) by headline and case-uninformative position',
  'position in sentence; last in sentence; title or body field; headline kind (Title Case, ALL CAPS)',
  'capitalization prior from unlabeled news; capitalization of the same word elsewhere in the document',
  'gazetteers of eng.train names (jackknifed over 5 folds in training)',
  'stage 2, a correction of stage 1: stage-1 labels of the token and neighbours; votes of the same word and the neighbours\' words elsewhere in the document',
  'training: the word itself hidden from 10% of token passes; particles (bin, de, al-...) put in 15% of documents\' person names; half the titles in Title Case',
];

main();
