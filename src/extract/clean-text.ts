/**
 * Last pass over the paragraphs: lines that are furniture whatever element they sit in
 * ("Advertisement", "Leave a Reply", "Share this"), and the headline repeated in the body.
 */

import { isDateLine } from './date-line.js';

/** Whole-line furniture, tried on lines under 120 characters. */
const SHORT_LINES: RegExp[] = [
  /^(menu|in|by|share|tweet|email|print|comments?|reply|advert|advertisement|advertising|ad|ads|sponsored|caption|close|hide caption|toggle caption|related|related (posts?|articles?|stories|content|coverage|links)|read more|continue reading|see also|more from .{1,40}|trending|popular|popular on .{1,30}|most (read|popular|viewed)|tags|topics|don'?t miss|our latest stories|latest stories|top stories|recommended|recommended for you|you (may|might) also like|we recommend|like this|like loading|sharing is caring|loading|related post:.{1,100})\W*$/i,
  // The same WordPress and news-site furniture in the other languages most common on the web.
  /^(menú|relacionad[oa]s?|noticias relacionadas|te puede interesar|comparte|compartir|publicidad|você pode gostar|veja também|leia também|relacionados|publicidade|compartilhe|à lire aussi|lire aussi|publicité|partager|sur le même sujet|werbung|anzeige|teilen|das könnte sie auch interessieren|mehr zum thema|pubblicità|condividi|leggi anche|iklan|terkait|bagikan|suka memuat|sukai ini|baca juga|реклама|читайте также|поделиться)\W*$/iu,
  /^(image|photo|picture|slide)?\s*\d+ (of|de|von|sur|di|из) \d+$/i,
  /^this (slideshow|video|content|gallery) requires javascript\.?$/i,
  /^(read later|save for later|listen to this article|listen|watch|play video)\W*$/i,
  /^(like|enjoy|enjoyed|liked) this (story|article|post)\?.{0,60}$/i,
  // A lone e-mail address, link or handle: the author's contact line.
  /^(\S+@\S+\.\w+|(https?:\/\/)?(www\.)?[\w-]+(\.[\w-]+)+\/\S*|@\w+)$/i,
  /^©.{0,60}$/,
  /^tell us what (you|YOU) think\W*$/i,
  /^(leave a (reply|comment)|post a comment|no comments:?|\d+ comments?|add (a )?comment|join the (conversation|discussion)|show comments|load comments)\W*$/i,
  /^(written|posted|published|updated) (by|on|in)\b.{0,60}$/i,
  /^exit mobile version$/i,
  /^(click|tap) (here )?to (see|view|enlarge|expand).{0,30}$/i,
  /^popular posts from this blog$/i,
  /^(support|subscribe to|follow|donate to) [\w .'-]{1,40}$/i,
  /^(sign up|subscribe)( now| today| for (our|the) .{1,40})?\W*$/i,
  /^(share|share this|share on|share via)( (article|story|post|page))?( on)?[\w ,:]*$/i,
  /^(image|photo|picture|video)( credit)?s?\s*:.{0,80}$/i,
  /^(skip to (main )?content|back to top|scroll to top)$/i,
  /^((the )?(story|article|text) continues (below|after)( (the )?(advertisement|ad))?|continue reading (below|the main story)|scroll to continue with content)\W*$/i,
  // Picture credits: "(Photo by Jane Doe/Getty Images)", "Sakib Ali/Hindustan Times/Getty Images".
  /^\(?(photos?|images?|pictures?) (by|courtesy( of)?|credit)\b[^.!?]{0,100}\)?$/i,
  /^[^.!?]{0,100}(\/|\bvia\b|photo:?|image:?|credit:?)\s*[^.!?]{0,60}\b(getty images|shutterstock|ap photo|afp|epa|reuters|alamy)\)?$/i,
  // A timestamp or date on its own line (live-blog entries, datelines).
  /^(\d{1,2}[:.h]\d{2}( ?[ap]\.?m\.?)?( [A-Z]{2,4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}( \d{1,2}:\d{2})?)$/i,
  /^(posted|published|updated|last updated)( on)?:? .{0,40}\d{2,4}.{0,20}$/i,
  // "By Jane Doe", "By Jane Doe, April 2, 2024", "By Jane Doe and John Roe | Reuters".
  // Two capitalised words at least, so that "By Friday, 40 people had left." stays.
  /^[Bb][Yy]:? [\p{Lu}][\p{L}.'’-]*( (and )?[\p{Lu}][\p{L}.'’-]*){1,4}(\s*[,|–—-].{0,60})?$/u,
  /^by:? (reuters|ap|afp|upi|associated press|agence france-presse|\w+ staff|staff reports?|the \w+ staff|news desk)\.?$/i,
  /^(<<|«|‹)?\s*(back to|return to|go to) .{1,30}$/i,
];

/** Furniture that runs longer (credits, contact lines, notices), tried on lines under 400 characters. */
const LONG_LINES: RegExp[] = [
  /^click here\b.{0,100}$/i,
  // Agency and contributor credits at the foot of a story.
  /^\(?(additional )?(reporting|writing|editing|compiled|research) by\b.{0,300}$/i,
  /^.{0,160}\bcontributed (reporting|to this (report|story|article))\b.{0,80}$/i,
  /^(email|e-mail|contact|reach|follow) .{0,100}(@\w|\bat \S+@\S+).{0,120}$/i,
  /^have a tip\?.{0,200}$/i,
  /^your email address will not be published\b.*$/i,
  /^(required fields are marked|save my name, email).*$/i,
  /^(we use cookies|this (web)?site uses cookies).*$/i,
  /^(tags?|topics?|filed under|categories)\s*:.{0,200}$/i,
];

/** A short line that sends the reader to a newsletter sign-up. */
const NEWSLETTER = /\b(subscribe|sign up|signup|get)\b.{0,80}\b(newsletters?|inbox)\b|\b(newsletters?|inbox)\b.{0,80}\b(subscribe|sign up)\b/i;

export function cleanParagraphs(paragraphs: string[], title: string | undefined): string[] {
  const titleKey = title ? ` ${key(title)} ` : '';
  return paragraphs.filter((p) => {
    if (p.length < 120 && (SHORT_LINES.some((re) => re.test(p)) || isDateLine(p))) return false;
    if (p.length < 400 && LONG_LINES.some((re) => re.test(p))) return false;
    if (p.length < 200 && NEWSLETTER.test(p)) return false;
    return !(titleKey !== '' && p.length < 300 && isTitle(key(p), titleKey));
  });
}

/** The headline again, whole or as the part of `<title>` left when the site name is cut off. */
function isTitle(pk: string, titleKey: string): boolean {
  if (pk === '') return false;
  if (titleKey === ` ${pk} `) return true;
  return pk.split(' ').length >= 4 && titleKey.includes(` ${pk} `);
}

function key(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
