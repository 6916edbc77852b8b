/** `wirewatch extract URL|FILE...`: print the article extracted from each page. */
import { loadConfig } from '../config/load.js';
import { redactSecrets } from '../redact.js';
import { extractArticle } from '../extract/extract-article.js';
import type { ExtractedArticle } from '../types.js';
import { configDir, type Command } from './command.js';
import { forEachInput } from './each-input.js';
import { InputError, readInput } from './inputs.js';

const command: Command = {
  name: 'extract',
  summary: 'print the article extracted from pages',
  usage: 'wirewatch extract URL|FILE... [--config DIR] [--json]',
  async run(args, io) {
    const config = loadConfig(configDir(args), { env: io.env });
    return forEachInput(args, io, async (source) => {
      const input = await readInput(source, config, io.stdin);
      if (input.kind !== 'bytes') throw new InputError(`${source}: not an HTML page (an .html or .htm file, or a URL that serves HTML)`);
      const article = extractArticle(input.body, { url: input.url, contentType: input.contentType, maxTextChars: config.feeds.limits.bodyChars });
      return { json: { ...article }, text: formatArticle(redactSecrets(source), article) };
    });
  },
};

function formatArticle(source: string, a: ExtractedArticle): string {
  const head = [
    `source:     ${source}`,
    `title:      ${a.title ?? ''}`,
    `byline:     ${a.byline ?? ''}`,
    `published:  ${a.published ?? ''}`,
    `lang:       ${a.lang ?? ''}`,
    `bodySource: ${a.bodySource}`,
    ...(a.truncated ? ['truncated:  yes (cut at limits.bodyChars)'] : []),
  ];
  return `${head.join('\n')}\n\n${a.text}\n`;
}

export default command;
