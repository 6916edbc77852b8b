import { WirewatchError } from '../errors.js';

/**
 * A feed body that cannot be read as a feed: not XML or JSON, not a feed format, or over a
 * limit. Permanent for this body: parsing it again gives the same answer.
 */
export class FeedParseError extends WirewatchError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('parse', message, { permanent: true, cause: options.cause });
  }
}
