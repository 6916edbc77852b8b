/**
 * A channel of the config by name, ready to send: looked up as an own property (a channel
 * named `constructor` is unknown, not Object's), and a file channel's `dir` taken relative to
 * the config folder, as `file:` feeds are, so a config behaves the same from any directory.
 */
import { isAbsolute, resolve } from 'node:path';
import { own } from '../config/lookup.js';
import type { ChannelConfig, Config } from '../config/schema.js';

export function channelFor(config: Config, name: string): ChannelConfig | undefined {
  const channel = own(config.digests.channels, name);
  if (channel?.type !== 'file' || isAbsolute(channel.dir)) return channel;
  return { ...channel, dir: resolve(config.dir, channel.dir) };
}
