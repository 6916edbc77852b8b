/**
 * Feed URLs can carry credentials (`https://user:pass@host`, `?apikey=...`, usually put there
 * by ${ENV} interpolation). Logs, stored feed health and the dashboard show URLs and the
 * errors that quote them, so those parts are masked first.
 */
const SECRET_PARAM = /([?&;](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|secret|password|passwd|pass|sig|signature|client[_-]?secret)=)[^&#\s"'<>]+/gi;
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@/\s]+@/gi;

export function redactSecrets(text: string): string {
  return text.replace(USERINFO, '$1***@').replace(SECRET_PARAM, '$1***');
}
