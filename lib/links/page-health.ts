/**
 * Reading a mirror page the user actually opened: is the mirror failing them?
 * Stricter than a probe: a post page has no timeline marker to look for, and
 * a bot challenge is something a person in a browser passes. Only a rate
 * limit, an instance without sessions, or a server error counts.
 */
import { classifyProbe, type ProbeVerdict } from './health';

/** A marker no page contains: probes look for a timeline, real pages may have none. */
const NO_MARKER = '\u0000sortie-no-marker';

export interface MirrorPage {
  /** HTTP status of the document (0 when the browser does not say). */
  status: number;
  /** The page's HTML, or the part of it worth reading. */
  body: string;
}

/** True when the page is worth reading at all: an error status or Nitter's error panel. */
export function mayBeFailure(status: number, hasErrorPanel: boolean): boolean {
  return hasErrorPanel || status === 429 || status >= 500;
}

/** The failure this page shows, or null when the mirror served the reader. */
export function classifyMirrorPage(page: MirrorPage): ProbeVerdict | null {
  // An unknown status is read as a success: only the page's own words count then.
  const status = page.status === 0 ? 200 : page.status;
  const verdict = classifyProbe({ status, body: page.body, headers: {}, elapsedMs: 0 }, { marker: NO_MARKER });
  if (verdict.reason === 'rate-limited' || verdict.reason === 'no-sessions') return verdict;
  if (verdict.reason === 'http-error' && status >= 500) return verdict;
  return null;
}
