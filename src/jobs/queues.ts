/** Opens the pipeline's BullMQ queues on one connection, under the store's prefix. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ALL_QUEUES, DEFAULT_JOB_OPTIONS, type QueueName } from './definitions.js';

export type Queues = Record<QueueName, Queue>;

/** `onError` hears connection trouble; without a listener BullMQ prints stacks to stderr. */
export function openQueues(connection: Redis, bullPrefix: string, onError: (queue: string, err: Error) => void = () => {}): Queues {
  const queues = {} as Queues;
  for (const name of ALL_QUEUES) {
    queues[name] = new Queue(name, { connection, prefix: bullPrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    queues[name].on('error', (err) => onError(name, err));
  }
  return queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
