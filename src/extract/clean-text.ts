/**
 * Last pass over the paragraphs: lines that are furniture whatever element they sit in
 * ("Advertisement", "Leave a Reply", "Share this"), and the headline repeated in the body.
 */

/** Whole-line furniture, matched case-insensitively after trimming. */
const BOILERPLATE: RegExp[] = [
  /^(menu|in|by|share|tweet|email|print|comments?|reply|advertisement|advertising|ad|sponsored|related|related (posts|articles|stories|content|coverage|links)|read more|continue reading|see also|more from .{1,40}|trending|popular|most (read|popular|viewed))\W*$/i,
  /^(leave a (reply|comment)|post a comment|no comments:?|\d+ comments?|add (a )?comment|join the (conversation|discussion)|show comments|load comments)\W*$/i,
  /^(written|posted|published|updated) (by|on|in)\b.{0,60}$/i,
  /^exit mobile version$/i,
  /^(click|tap) (here )?to (see|view|enlarge|expand).{0,30}$/i,
  /^your email address will not be published\b.*$/i,
  /^(required fields are marked|save my name, email).*$/i,
  /^popular posts from this blog$/i,
  /^(support|subscribe to|follow|donate to) [\w .'-]{1,40}$/i,
  /^(sign up|subscribe)( now| today| for (our|the) .{1,40})?\W*$/i,
  /^(share|share this|share on|share via)( (article|story|post|page))?( on)?[\w ,:]*$/i,
  /^(image|photo|picture|video)( credit)?s?\s*:.{0,80}$/i,
  /^(skip to (main )?content|back to top|scroll to top)$/i,
  /^(we use cookies|this (web)?site uses cookies).*$/i,
  /^(tags?|topics?|filed under|categories)\s*:.{0,200}$/i,
  // A timestamp or date on its own line (live-blog entries, datelines).
  /^(\d{1,2}[:.h]\d{2}( ?[ap]\.?m\.?)?( [A-Z]{2,4})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}( \d{1,2}:\d{2})?)$/i,
  /^(posted|published|updated|last updated)( on)?:? .{0,40}\d{2,4}.{0,20}$/i,
  // "By Jane Doe", "By Jane Doe, April 2, 2024", "By Jane Doe and John Roe | Reuters".
  /^[Bb][Yy]:? [\p{Lu}][\p{L}.'’-]*( (and )?[\p{Lu}][\p{L}.'’-]*){0,4}(\s*[,|–—-].{0,60})?$/u,
  /^(<<|«|‹)?\s*(back to|return to|go to) .{1,30}$/i,
];

export function cleanParagraphs(paragraphs: string[], title: string | undefined): string[] {
  const titleKey = title ? ` ${key(title)} ` : '';
  return paragraphs.filter((p) => {
    if (p.length < 120 && BOILERPLATE.some((re) => re.test(p))) return false;
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
