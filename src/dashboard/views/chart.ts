/**
 * Stacked bar charts as inline SVG, drawn on the server: no chart library, no script, and
 * each bar carries a <title> so hovering it names the counts.
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
}

const W = 1000;
const H = 190;
const PAD = { left: 34, right: 8, top: 10, bottom: 22 };

export function stackedBars(buckets: Bucket[], series: string[], opts: ChartOptions): SafeHtml {
  const max = Math.max(1, ...buckets.map((b) => series.reduce((s, w) => s + (b.counts[w] ?? 0), 0)));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, step * 0.8);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const bars = buckets.map((b, i) => {
    const x = PAD.left + i * step + (step - barW) / 2;
    let base = 0;
    const rects = series.map((w, si) => {
      const n = b.counts[w] ?? 0;
      if (n === 0) return '';
      const r = html`<rect x="${x.toFixed(1)}" y="${y(base + n).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + n)).toFixed(1)}" fill="${seriesColor(si)}"><title>${opts.name(b.start)}: ${w} ${n}</title></rect>`;
      base += n;
      return r;
    });
    const label = opts.label(b.start, i);
    return html`<g>${rects}${label ? html`<text class="xl" x="${(x + barW / 2).toFixed(1)}" y="${H - 6}">${label}</text>` : ''}</g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${opts.title}">
<line class="axis" x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}"/>
<line class="grid" x1="${PAD.left}" y1="${y(max)}" x2="${W - PAD.right}" y2="${y(max)}"/>
<text class="yl" x="${PAD.left - 4}" y="${y(max) + 4}">${max}</text><text class="yl" x="${PAD.left - 4}" y="${y(0) + 4}">0</text>
${bars}</svg>`;
}

export function legend(series: string[]): SafeHtml {
  return html`<ul class="legend">${series.map((w, i) => html`<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${seriesColor(i)}"/></svg> ${w}</li>`)}</ul>`;
}
