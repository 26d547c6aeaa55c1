/**
 * Date = rfc1123-date, always in "GMT" (RFC 3261 §20.17, RFC 4475 §3.1.2.12):
 *   wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"
 */

const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** True when the Date header value follows the RFC 1123 form in GMT. */
export function isSipDate(value: string): boolean {
  return value.length <= 40 && RFC1123.test(value);
}
