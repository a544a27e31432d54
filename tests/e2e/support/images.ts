/** Real image files for upload tests, made with sharp (installed with the test PDS). */
import sharp from 'sharp';

/** A noisy JPEG of about `megabytes` MB, carrying an EXIF GPS position that must not survive. */
export async function photoWithGps(megabytes: number): Promise<Buffer> {
  const side = Math.round(Math.sqrt((megabytes * 1024 * 1024) / 1.2));
  return sharp({
    create: {
      width: side,
      height: Math.round(side * 0.75),
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
      noise: { type: 'gaussian', mean: 128, sigma: 80 },
    },
  })
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .withExifMerge({
      IFD0: { Make: 'SortieTestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' },
    })
    .toBuffer();
}

export async function flatPng(width: number, height: number, hue: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: hue % 256, g: (hue * 3) % 256, b: 200 } } })
    .png()
    .toBuffer();
}

/** True when a JPEG still carries an EXIF block (APP1 "Exif"). */
export function hasExif(bytes: Uint8Array): boolean {
  return Buffer.from(bytes).includes(Buffer.from('Exif\0\0', 'latin1'));
}
