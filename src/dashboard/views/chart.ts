/**
 * Stacked bar charts as inline SVG, drawn on the server: no chart library, no script, and
 * each bar carries a <title> so hovering it names the counts. The y axis has round ticks from
 * 0 past the tallest bar, each labelled and ruled across.
 */
import { html, type SafeHtml } from '../html.js';
import type { Bucket } from '../data/trends.js';

const PALETTE = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#475569', '#b45309'];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export interface ChartOptions {
  title: string;
  /** Label under a bar, from its bucket start; '' for none. */
  label: (start: string, index: number) => string;
  /** Tooltip name of a bucket. */
  name: (start: string) => string;
  /** Labels a narrow screen leaves out (every other one), so the rest do not collide. */
  minor?: (start: string, index: number) => boolean;
  /** A value as the axis and tooltips show it (default: the number as is; ticks then stay whole). */
  format?: (value: number) => string;
  /** Colours by series position (default the palette from its start). */
  colors?: string[];
  /** Stacked (default): series add up in one bar. Grouped: side by side, for values that do not add up (averages). */
  grouped?: boolean;
  /** Height in CSS pixels (default 180). */
  height?: number;
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, target = 4, integer = true): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = 0; ticks.length === 0 || ticks.at(-1)! < max; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/*
 * Layout: the bars live in an inner SVG whose 1000 horizontal units stretch to the chart's
 * width (preserveAspectRatio="none"; vertical units are pixels), while the labels live in the
 * outer SVG at percentage positions. So the chart fills any width, phone or desktop, and its
 * text keeps its CSS size instead of shrinking with the drawing.
 */
const LEFT = 9; // % of the width kept for the y labels
const RIGHT = 1;
const TOP = 8; // px
const BOTTOM = 22; // px, for the x labels

export function stackedBars(buckets: Bucket[], series: string[], opts: ChartOptions): SafeHtml {
  const H = opts.height ?? 180;
  const fmt = opts.format ?? ((v: number) => String(v));
  const heights = buckets.map((b) => series.map((w) => b.counts[w] ?? 0));
  const tallest = Math.max(0, ...heights.map((hs) => (opts.grouped ? Math.max(0, ...hs) : hs.reduce((a, n) => a + n, 0))));
  const ticks = niceTicks(tallest, 4, opts.format === undefined);
  const top = ticks.at(-1)!;
  const x0 = LEFT * 10;
  const step = (1000 - RIGHT * 10 - x0) / Math.max(1, buckets.length);
  const barW = Math.max(2, step * 0.8);
  const plotH = H - TOP - BOTTOM;
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const color = (i: number) => opts.colors?.[i] ?? seriesColor(i);
  const bars = buckets.map((b, i) => {
    const x = x0 + i * step + (step - barW) / 2;
    const subW = opts.grouped ? barW / Math.max(1, series.length) : barW;
    let base = 0;
    return series.map((w, si) => {
      const n = heights[i]![si]!;
      if (n === 0) return '';
      const left = opts.grouped ? x + si * subW : x;
      const r = html`<rect x="${left.toFixed(1)}" y="${y(base + n).toFixed(1)}" width="${subW.toFixed(1)}" height="${(y(base) - y(base + n)).toFixed(1)}" fill="${color(si)}"><title>${opts.name(b.start)}: ${w} ${fmt(n)}</title></rect>`;
      if (!opts.grouped) base += n;
      return r;
    });
  });
  const rules = ticks.map((t) => html`<line class="${t === 0 ? 'axis' : 'grid'}" x1="${x0}" y1="${y(t).toFixed(1)}" x2="${1000 - RIGHT * 10}" y2="${y(t).toFixed(1)}" vector-effect="non-scaling-stroke"/>`);
  const yLabels = ticks.map((t) => html`<text class="yl" x="${LEFT - 0.8}%" y="${(y(t) + 4).toFixed(1)}">${fmt(t)}</text>`);
  const xLabels = buckets.map((b, i) => {
    const label = opts.label(b.start, i);
    return label ? html`<text class="xl${opts.minor?.(b.start, i) ? ' minor' : ''}" x="${((x0 + (i + 0.5) * step) / 10).toFixed(2)}%" y="${H - 6}">${label}</text>` : '';
  });
  return html`<svg class="chart" width="100%" height="${H}" role="img" aria-label="${opts.title}">
<svg width="100%" height="${H}" viewBox="0 0 1000 ${H}" preserveAspectRatio="none">${rules}${bars}</svg>
${yLabels}${xLabels}</svg>`;
}

export function legend(series: string[], colors?: string[]): SafeHtml {
  return html`<ul class="legend">${series.map((w, i) => html`<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${colors?.[i] ?? seriesColor(i)}"/></svg> ${w}</li>`)}</ul>`;
}
