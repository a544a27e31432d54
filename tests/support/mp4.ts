/**
 * A minimal MP4 built by hand (there is no ffmpeg here): an `ftyp` box, an
 * empty `moov` and an `mdat` padded to the size asked. A PDS only sniffs the
 * type from the first bytes (`ftyp` with an ISO brand → video/mp4), which is
 * all a test of the upload path needs; no player could show it.
 */
function box(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  return out;
}

export function tinyMp4(size = 64): Uint8Array<ArrayBuffer> {
  const ascii = (s: string) => new TextEncoder().encode(s);
  // major brand isom, minor version 512, compatible brands isom iso2 mp41
  const ftypBody = new Uint8Array([...ascii('isom'), 0, 0, 2, 0, ...ascii('isomiso2mp41')]);
  const head = [box('ftyp', ftypBody), box('moov', new Uint8Array(0))];
  const used = head.reduce((n, b) => n + b.length, 0);
  const mdat = box('mdat', new Uint8Array(Math.max(0, size - used - 8)));
  const out = new Uint8Array(used + mdat.length);
  let at = 0;
  for (const b of [...head, mdat]) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
