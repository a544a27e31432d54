/** What both networks check of a draft's images, each with its own limits and its own way of counting alt text. */
import type { DraftImage } from '../../model/draft.ts';
import type { AdaptWarning } from '../text-rules.ts';

export interface ImageRules {
  max: number;
  sizeLimit: number;
  altTooLong: (alt: string) => boolean;
  altMax: number;
  supported: (mime: string) => boolean;
}

function ids(images: readonly DraftImage[], test: (image: DraftImage) => boolean): string[] {
  return images.filter(test).map((i) => i.mediaId);
}

export function imageWarnings(images: readonly DraftImage[], rules: ImageRules): AdaptWarning[] {
  const { max, sizeLimit, altTooLong, altMax, supported } = rules;
  const out: AdaptWarning[] = [];
  if (images.length > max) out.push({ code: 'too-many-images', severity: 'error', count: images.length, max });
  const noAlt = ids(images, (i) => i.alt.trim() === '');
  if (noAlt.length) out.push({ code: 'missing-alt', severity: 'warning', mediaIds: noAlt });
  const longAlt = ids(images, (i) => altTooLong(i.alt));
  if (longAlt.length) out.push({ code: 'alt-too-long', severity: 'error', mediaIds: longAlt, max: altMax });
  const big = ids(images, (i) => i.size > sizeLimit);
  if (big.length) out.push({ code: 'image-too-large', severity: 'error', mediaIds: big, max: sizeLimit });
  const unsupported = ids(images, (i) => !supported(i.mime));
  if (unsupported.length) out.push({ code: 'unsupported-media-type', severity: 'error', mediaIds: unsupported });
  return out;
}
