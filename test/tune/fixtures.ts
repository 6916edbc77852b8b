/**
 * Generated news texts for the tuning tests, written for wirewatch: items about water
 * shortages (which a first-draft watch-list that only knows "drought" mostly misses), sports
 * reports that end a "title drought" (its false alarms), and other news. Deterministic.
 */
import { prng } from '../helpers/prng.js';

const REGIONS = ['Castile', 'the Ebro valley', 'Murcia', 'the northern plains', 'the river delta', 'the eastern uplands', 'the coastal strip'];
const CROPS = ['wheat', 'olive', 'barley', 'maize', 'sunflower', 'rice'];
const MONTHS = ['June', 'July', 'August', 'September', 'October'];
const TEAMS = ['Rovers', 'Albion', 'United', 'the Harriers', 'City', 'the Saints', 'Athletic'];

const WATER = [
  (r: string, n: number) => `Reservoir levels in ${r} fell to ${n} per cent of capacity this week.`,
  (_r: string, n: number) => `The water company announced a hosepipe ban for ${n} thousand households.`,
  (r: string, _n: number, c: string) => `Farmers in ${r} say the lack of rainfall has ruined the ${c} harvest.`,
  (_r: string, _n: number, _c: string, m: string) => `Officials warned of a water shortage if the dry spell lasts into ${m}.`,
  (r: string) => `Rivers in ${r} are at their lowest level since records began.`,
  (_r: string, n: number) => `Irrigation quotas now limit farms to ${n} cubic metres a day.`,
  (r: string) => `Tankers are bringing drinking water to villages in ${r}.`,
];
const WATER_TITLES = [
  (r: string) => `Dry summer leaves ${r} counting the cost`,
  (r: string) => `Water rationing spreads across ${r}`,
  (r: string) => `Farmers in ${r} ask for emergency help`,
  (r: string) => `Reservoirs in ${r} at record low`,
];
const SPORT = [
  (t: string, u: string, n: number) => `${t} ended a ${n}-year title drought with a win over ${u}.`,
  (t: string) => `The striker scored twice for ${t} in the second half.`,
  (_t: string, u: string) => `The coach of ${u} praised his defence despite the defeat.`,
  (t: string) => `Supporters of ${t} celebrated in the square until midnight.`,
];
const OTHER: Array<[string, string[]]> = [
  ['Council approves new tram line', ['The tram will link the station with the hospital.', 'Construction starts next spring and lasts two years.', 'Shopkeepers worry about the roadworks.']],
  ['Museum reopens after renovation', ['The gallery shows paintings from three centuries.', 'Visitors queued from early morning.', 'The roof was repaired with help from a lottery grant.']],
  ['Chip maker opens research centre', ['The company will hire engineers to design processors.', 'The centre is its third in Europe.', 'Shares rose after the announcement.']],
  ['Parliament debates pension reform', ['The bill raises the retirement age by two years.', 'Unions called a strike for next week.', 'The minister defended the plan on television.']],
  ['Water polo team reaches final', ['The squad won the semi-final in extra time.', 'The final will be played in the national pool.', 'The captain thanked the fans.']],
];
const FILLER = ['A spokesperson declined to give further details.', 'Local businesses said they were watching closely.', 'The regional council will meet again on Thursday.', 'More information is expected later this month.'];

export interface FixtureCase {
  id: string;
  title: string;
  body: string;
  /** Whether it belongs on the water watch-list. */
  relevant: boolean;
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function shuffle<T>(r: () => number, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [out[i], out[j]] = [out[j]!, out[i]!]; }
  return out;
}

function waterCase(r: () => number, i: number): FixtureCase {
  const region = pick(r, REGIONS);
  const sentences = shuffle(r, WATER).slice(0, 2 + Math.floor(r() * 2))
    .map((f) => f(pick(r, REGIONS), 10 + Math.floor(r() * 80), pick(r, CROPS), pick(r, MONTHS)));
  // One in four says "drought": the first-draft watch-list's only word.
  if (i % 4 === 0) sentences.push(`The drought is the worst in ${region} for a decade.`);
  return { id: `water-${i}`, title: pick(r, WATER_TITLES)(region), body: [...sentences, pick(r, FILLER)].join(' '), relevant: true };
}

function sportCase(r: () => number, i: number): FixtureCase {
  const [t, u] = shuffle(r, TEAMS);
  const body = SPORT.map((f) => f(t!, u!, 5 + Math.floor(r() * 40))).join(' ');
  return { id: `sport-${i}`, title: `${t} win the league at last`, body, relevant: false };
}

function otherCase(r: () => number, i: number): FixtureCase {
  const [title, lines] = OTHER[i % OTHER.length]!;
  return { id: `other-${i}`, title: title!, body: [...shuffle(r, lines!), pick(r, FILLER)].join(' '), relevant: false };
}

/** `n` cases: half about water shortages, a fifth sports reports with a "title drought", the rest other news. */
export function makeCases(n: number, seed: number): FixtureCase[] {
  const r = prng(seed);
  const out: FixtureCase[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 10;
    out.push(k < 5 ? waterCase(r, i) : k < 7 ? sportCase(r, i) : otherCase(r, i));
  }
  return out;
}

/** The watch-lists file with the known gap: only "drought", so most water stories are missed. */
export const GAP_WATCHLISTS = `# Watch-lists of the tuning tests.
entities:
  Spain:   { type: place,   aliases: [Spanish] }   # aligned on purpose: edits must keep it
watchlists:
  # the one the tests tune
  water-shortage:
    description: droughts and water rationing
    query: 'drought'   # first draft
  spain:
    query: '@Spain'
    threshold: 1
`;
