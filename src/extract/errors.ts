import { WirewatchError } from '../errors.js';

/** The input could not be read as an HTML page (binary data, a PDF, JSON, an empty body). */
export class ExtractError extends WirewatchError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    // Re-extracting the same bytes gives the same answer, so a retry cannot help.
    super('extract', message, { permanent: true, ...options });
  }
}
