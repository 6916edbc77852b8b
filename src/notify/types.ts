/** Options and results shared by every channel sender. */

/** What deliverDigest and deliverAlert accept besides the channel and the content. */
export interface DeliverOptions {
  /** Aborts the delivery (the worker's shutdown). */
  signal?: AbortSignal;
  /** Time allowed for one request (default 15 s). */
  timeoutMs?: number;
  /** Skip the first N messages: they were accepted by an earlier try (DeliveryError.partsDelivered). */
  fromPart?: number;
  /** Tries of one message inside the call, the first included (default 3). */
  attempts?: number;
  /** Longest Retry-After honoured inside the call; a longer one is thrown to the worker (default 60 s). */
  maxRetryAfterMs?: number;
  /** First back-off after a 5xx or network error without Retry-After; doubles each try (default 1 s). */
  backoffMs?: number;
  /** Gap between two messages of one delivery, under the platform's rate limit (default per platform). */
  minGapMs?: number;
  /** Where the console channel writes (default process.stdout). */
  stdout?: { write(text: string): unknown };
  /**
   * `<run or alert id>.<channel>`, set by deliverDigest and deliverAlert: message N of the
   * delivery goes out as `<deliveryId>.<N>` (X-Wirewatch-Delivery, the email Message-ID).
   */
  deliveryId?: string;
  /**
   * Set when a resumed run had to send its delivery again from the first message because
   * what the messages carry changed since the earlier try (an item expired, the digest's
   * settings changed): the delivery id becomes `<run or alert id>.<channel>.r<revision>`, so
   * a receiver does not drop the new messages as repeats of different old ones.
   */
  revision?: number;
}

/** What a channel confirmed. */
export interface DeliveryReceipt {
  channelId: string;
  type: string;
  /** Messages sent by this call. */
  parts: number;
  /** Messages the delivery has in all (parts sent earlier with fromPart included). */
  totalParts: number;
  /** ISO time the last part was accepted. */
  deliveredAt: string;
  /** Where it went: the file written, the SMTP message id, the webhook host. */
  detail?: string;
}
