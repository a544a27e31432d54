// A multipart/form-data parser (RFC 7578) over a fully buffered body. Media uploads
// in tests are small enough to buffer, and a hand-written parser keeps the server
// free of dependencies beyond node:http.

export interface UploadedFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartResult {
  fields: [string, string][];
  files: UploadedFile[];
}

export class MultipartError extends Error {}

export function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new MultipartError('multipart body without boundary');
  return boundary;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, name: string): string | undefined {
  // filename*=UTF-8''… (RFC 5987) takes precedence over the plain form.
  const extended = new RegExp(`${name}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(disposition);
  if (extended?.[1]) return decodeURIComponent(extended[1]);
  const quoted = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${name}=([^;]+)`).exec(disposition);
  return bare?.[1]?.trim();
}

export function parseMultipart(body: Buffer, contentType: string): MultipartResult {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const result: MultipartResult = { fields: [], files: [] };
  let start = body.indexOf(delimiter);
  if (start < 0) throw new MultipartError('multipart body without its boundary');
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    // `--` after a delimiter closes the body.
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return result;
    const headerStart = afterDelimiter + 2; // skip CRLF
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) throw new MultipartError('multipart part without headers');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) throw new MultipartError('multipart body not terminated');
    const headers = parseHeaders(body.subarray(headerStart, headerEnd).toString('utf8'));
    const content = body.subarray(headerEnd + 4, next - 2); // strip CRLF before the delimiter
    const disposition = headers.get('content-disposition') ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name !== undefined) {
      const fileName = dispositionParam(disposition, 'filename');
      if (fileName !== undefined) {
        result.files.push({
          fieldName: name,
          fileName,
          contentType: headers.get('content-type') ?? 'application/octet-stream',
          data: Buffer.from(content),
        });
      } else {
        result.fields.push([name, content.toString('utf8')]);
      }
    }
    start = next;
  }
}
