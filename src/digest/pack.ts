/**
 * Splits a rendered document into messages within a platform's limits, in order, never
 * dropping anything: entries are kept whole when they fit, a section heading is repeated
 * ("continued") at the top of a message that resumes its section, and an entry too large for
 * one message is spread over several at its elements' boundaries.
 */

/** What one message may hold besides its header. */
export interface PackLimits {
  /** Elements a message (blocks, embeds); Infinity when the platform has no such limit. */
  maxItems: number;
  /** Characters (or bytes, as `measure` counts them) a message. */
  maxChars: number;
}

export interface PackSection<T> {
  /** The section's heading elements; `continued` when it resumes in a new message. */
  heading: (continued: boolean) => T[];
  /** The elements of each entry; each element alone must fit a message with a heading. */
  entries: T[][];
}

/** An entry of a document: its section's index and its index in that section. */
export type EntryRef = [section: number, entry: number];

/** One packed message: its elements, and the entries whose last element it holds. */
export interface PackedMessage<T> {
  items: T[];
  /**
   * Entries this message completes. An entry spread over several messages counts only in the
   * last of them: it reached the reader whole once that one was accepted.
   */
  ends: EntryRef[];
}

interface Message<T> extends PackedMessage<T> {
  chars: number;
  /** Index of the section whose heading this message already shows. */
  section: number;
}

/** Packs sections of entries into messages: each message's elements and the entries it completes, in order. */
export function packMessages<T>(sections: Array<PackSection<T>>, limits: PackLimits, measure: (item: T) => number): Array<PackedMessage<T>> {
  const messages: Array<Message<T>> = [];
  const costs = new Map<T, number>();
  const costOf = (item: T) => {
    let c = costs.get(item);
    if (c === undefined) costs.set(item, (c = measure(item)));
    return c;
  };
  const cost = (items: T[]) => items.reduce((sum, item) => sum + costOf(item), 0);
  const fits = (m: Message<T>, items: T[]) => m.items.length + items.length <= limits.maxItems && m.chars + cost(items) <= limits.maxChars;
  const push = (m: Message<T>, items: T[]) => {
    m.items.push(...items);
    m.chars += cost(items);
  };
  const open = (section: number) => {
    const m: Message<T> = { items: [], ends: [], chars: 0, section };
    messages.push(m);
    return m;
  };
  /** Places one entry; returns the message holding its last element. */
  const place = (section: PackSection<T>, s: number, entry: T[], e: number): Message<T> => {
    let m = messages.at(-1);
    const head = m && m.section === s && e > 0 ? [] : section.heading(e > 0);
    if (m && fits(m, [...head, ...entry])) {
      push(m, [...head, ...entry]);
      m.section = s;
      return m;
    }
    m = m && m.items.length === 0 ? m : open(s);
    m.section = s;
    const fresh = [...section.heading(e > 0), ...entry];
    if (fits(m, fresh)) {
      push(m, fresh);
      return m;
    }
    push(m, section.heading(e > 0));
    for (const item of entry) {
      if (!fits(m, [item])) push((m = open(s)), section.heading(true));
      push(m, [item]);
    }
    return m;
  };
  sections.forEach((section, s) => {
    section.entries.forEach((entry, e) => place(section, s, entry, e).ends.push([s, e]));
  });
  return messages.map((m) => ({ items: m.items, ends: m.ends }));
}
