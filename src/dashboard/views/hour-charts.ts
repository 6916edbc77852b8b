/** Small hourly charts (the last 24 hours), several to a row: ingestion on the overview, jobs on the queues page. */
import { html, type SafeHtml } from '../html.js';
import type { Bucket } from '../data/trends.js';
import { legend, stackedBars } from './chart.js';
import { hourAxis, hourName } from './time.js';

/** Seconds with two significant digits below 10 (0.05, 0.1, 2.5), whole above. */
const seconds = (v: number) => (v >= 10 || v === 0 ? String(Math.round(v)) : String(Number(v.toPrecision(2))));

export interface HourChart {
  title: string;
  buckets: Bucket[];
  series: string[];
  /** Series side by side (they do not add up), in seconds. */
  averages?: boolean;
  colors?: string[];
  /** Default: a legend when there is more than one series. False when the page draws one for several charts. */
  legend?: boolean;
}

/** One captioned chart of the last hours, its x labels every 6 hours of the page's zone. */
export function chartBlock(c: HourChart): SafeHtml {
  const withLegend = c.legend ?? c.series.length > 1;
  return html`<figure class="mini"><figcaption>${c.title}</figcaption>${stackedBars(c.buckets, c.series, {
    title: c.title, label: hourAxis(6), name: hourName, height: 160, grouped: c.averages, ...(c.averages ? { format: seconds } : {}), ...(c.colors ? { colors: c.colors } : {}),
  })}${withLegend ? legend(c.series, c.colors) : ''}</figure>`;
}
