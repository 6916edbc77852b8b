/**
 * Prometheus metrics of one wirewatch process. A Registry per process (not prom-client's
 * global one), so tests and embedded pipelines never collide. Workers record; the dashboard
 * serves `registry.metrics()` at /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Anything with BullMQ's getJobCounts, by queue name. */
export type QueueSource = Record<string, { getJobCounts(...states: string[]): Promise<Record<string, number>> }>;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  readonly fetches = new Counter({ name: 'wirewatch_fetches_total', help: 'Feed fetches by feed and outcome (ok, not-modified, error, skipped)', labelNames: ['feed', 'status'], registers: [this.registry] });
  readonly fetchSeconds = new Histogram({ name: 'wirewatch_fetch_duration_seconds', help: 'Feed fetch and parse time', labelNames: ['feed'], buckets: SECONDS, registers: [this.registry] });
  readonly parseFailures = new Counter({ name: 'wirewatch_parse_failures_total', help: 'Feeds that could not be parsed', labelNames: ['feed'], registers: [this.registry] });
  readonly itemsSeen = new Counter({ name: 'wirewatch_items_seen_total', help: 'Items found in polled feeds', labelNames: ['feed'], registers: [this.registry] });
  readonly itemsNew = new Counter({ name: 'wirewatch_items_new_total', help: 'Items never seen before, queued for processing', labelNames: ['feed'], registers: [this.registry] });
  readonly itemsFlagged = new Counter({ name: 'wirewatch_items_flagged_total', help: 'Items flagged, by watch-list', labelNames: ['watchlist'], registers: [this.registry] });
  readonly extractSeconds = new Histogram({ name: 'wirewatch_extract_duration_seconds', help: 'Article extraction time (parse + extract)', buckets: SECONDS, registers: [this.registry] });
  readonly classifySeconds = new Histogram({ name: 'wirewatch_classify_duration_seconds', help: 'Classification time per item, all watch-lists', buckets: SECONDS, registers: [this.registry] });
  readonly jobLatency = new Histogram({ name: 'wirewatch_job_latency_seconds', help: 'Time from a job being due to its start, by queue', labelNames: ['queue'], buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900], registers: [this.registry] });
  readonly deliveries = new Counter({ name: 'wirewatch_deliveries_total', help: 'Digest and alert deliveries by channel and outcome', labelNames: ['channel', 'kind', 'outcome'], registers: [this.registry] });
  private queueSource?: QueueSource;
  readonly queueDepth: Gauge;

  constructor(options: { processMetrics?: boolean } = {}) {
    const self = this;
    this.queueDepth = new Gauge({
      name: 'wirewatch_queue_jobs', help: 'Jobs per queue and state, read at scrape time', labelNames: ['queue', 'state'], registers: [this.registry],
      async collect() {
        if (!self.queueSource) return;
        for (const [queue, q] of Object.entries(self.queueSource)) {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
        }
      },
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Queue depths are read from these queues whenever metrics are scraped. */
  watchQueues(queues: QueueSource): void {
    this.queueSource = queues;
  }

  /** Times a synchronous stage call into a histogram. */
  time<T>(histogram: Histogram, fn: () => T): T {
    const end = histogram.startTimer();
    try {
      return fn();
    } finally {
      end();
    }
  }
}
