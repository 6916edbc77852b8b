/**
 * A line that is only a date and time ("Nov 18, 2019 at 9:24 pm ET", "segunda-feira, 22 de
 * janeiro de 2018 às 0:13"): a dateline or timestamp, not article text.
 */

const MONTHS =
  'jan|january|janeiro|enero|janvier|januar|gennaio|feb|february|fevereiro|febrero|février|februar|febbraio|mar|march|março|marzo|mars|märz|apr|april|abril|avril|aprile|may|maio|mayo|mai|maggio|jun|june|junho|junio|juin|juni|giugno|jul|july|julho|julio|juillet|juli|luglio|aug|august|agosto|août|sep|sept|september|setembro|septiembre|septembre|settembre|oct|october|outubro|octubre|octobre|oktober|ottobre|nov|november|novembro|noviembre|novembre|dec|december|dezembro|diciembre|décembre|dezember|dicembre';
const DAYS =
  'mon|monday|tue|tues|tuesday|wed|wednesday|thu|thurs|thursday|fri|friday|sat|saturday|sun|sunday|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag';
const FILLER = 'at|on|the|of|de|del|às|as|a|le|el|en|um|am|pm|a\\.m\\.|p\\.m\\.|h|et|est|edt|pst|pdt|cet|cest|gmt|utc|bst|ist|updated|published|posted|publicado|atualizado|actualizado|publié|veröffentlicht|aktualisiert|min|read|mins';

const WORD = new RegExp(`^(${MONTHS}|${DAYS}|${FILLER})[.:]?$`, 'i');

export function isDateLine(line: string): boolean {
  if (line.length > 80 || !/\b(19|20)\d\d\b|\d{1,2}:\d{2}/.test(line)) return false;
  const words = line.split(/[\s,•|·/()–—]+/).filter((w) => w !== '');
  let named = 0;
  for (const w of words) {
    if (/^\d{1,4}(st|nd|rd|th|h)?[.:]?(\d{2})?$/i.test(w)) continue;
    if (!WORD.test(w)) return false;
    named++;
  }
  // Digits alone ("2019") could be a score line; a date line names a month, a day or a time.
  return named > 0 || /\d{1,2}:\d{2}/.test(line);
}
