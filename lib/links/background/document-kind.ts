/**
 * Which responses Firefox's document stream may look at, told from the
 * response's status and headers alone: kept apart from the stream itself so
 * the background's start holds only this check, and the stream's code is
 * loaded when a page needs it (./document-stream.ts).
 */

export interface DocumentRequest {
  requestId: string;
  url: string;
  statusCode?: number;
  responseHeaders?: { name: string; value?: string }[];
}

/** Charsets in which a byte that reads as '<', '>', a quote or '=' may be part of another character. */
const NOT_ASCII_COMPATIBLE = /^(?:utf-16|unicode|ucs-2|iso-2022-|csiso2022|hz-gb-2312|replacement|utf-7)/i;

/**
 * True for an HTML page whose bytes can be scanned as ASCII. Not a redirect's
 * own body: a filter put on it would follow the request to where it goes,
 * which may be a site the user never granted.
 */
export function isScannableHtml({ statusCode, responseHeaders: headers }: DocumentRequest): boolean {
  if (statusCode !== undefined && statusCode >= 300 && statusCode < 400) return false;
  const type = headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  const [mime = '', ...params] = type.split(';').map((part) => part.trim());
  if (mime.toLowerCase() !== 'text/html') return false;
  const charset = params.find((p) => /^charset\s*=/i.test(p))?.replace(/^charset\s*=\s*["']?|["']$/gi, '');
  return charset === undefined || !NOT_ASCII_COMPATIBLE.test(charset);
}
