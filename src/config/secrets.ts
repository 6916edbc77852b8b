/**
 * Tells the redaction (src/redact.ts) which values of a loaded config are secrets, so that
 * they are masked in any output, even quoted outside a URL or by a library's own message:
 * channel tokens and webhook secrets whole, and the secret parts of configured URLs.
 */
import { registerSecret, registerUrlSecrets } from '../redact.js';
import type { Config } from './schema.js';

export function registerConfigSecrets(config: Config): void {
  for (const channel of Object.values(config.digests.channels)) {
    if (channel.type === 'email') registerUrlSecrets(channel.smtp);
    else if (channel.type === 'slack' || channel.type === 'discord' || channel.type === 'teams') registerUrlSecrets(channel.webhook);
    else if (channel.type === 'telegram') registerSecret(channel.token);
    else if (channel.type === 'webhook') {
      registerSecret(channel.secret);
      registerUrlSecrets(channel.url);
    }
  }
  for (const feed of config.feeds.feeds) registerUrlSecrets(feed.url);
}
