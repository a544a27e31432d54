/**
 * The checks for a post's content, written once: a draft and a queued part
 * (outbox job) carry the same PostContent fields, and a backup file restores
 * both through these. Who-may-reply is checked here for the messages too.
 */
import * as v from '../validate.ts';
import type { DraftImage, DraftPoll, InteractionPolicy, PostContent } from './draft.ts';

export const interactionSchema: v.Schema<InteractionPolicy> = v.object({
  reply: v.oneOf('everyone', 'following', 'followers', 'mentioned', 'nobody'),
  allowQuotes: v.boolean(),
});

const id = v.string({ min: 1, max: 1_000 });
const text = v.string({ max: 200_000 });
const short = v.string({ max: 2_000 });
const count = v.number({ min: 0, integer: true });

const imageSchema: v.Schema<DraftImage> = v.object({
  mediaId: id,
  alt: text,
  mime: short,
  width: count,
  height: count,
  size: count,
  focus: v.optional(v.object({ x: v.number({ min: -1, max: 1 }), y: v.number({ min: -1, max: 1 }) })),
});

const pollSchema: v.Schema<DraftPoll> = v.object({
  options: v.array(short, { max: 100 }),
  expiresInSeconds: count,
  multiple: v.boolean(),
});

/**
 * The PostContent fields as a shape to spread into a record's schema; typed
 * field by field against PostContent, so a field added there and not here
 * fails `tsc`.
 */
export const postContentFields = {
  text,
  images: v.array(imageSchema, { max: 20 }),
  contentWarning: text,
  sensitive: v.boolean(),
  labels: v.array(v.oneOf('sexual', 'nudity', 'porn', 'graphic-media'), { max: 10 }),
  langs: v.array(v.string({ max: 35 }), { max: 10 }),
  visibility: v.oneOf('public', 'unlisted', 'private', 'direct'),
  poll: v.nullable(pollSchema),
  interaction: interactionSchema,
} satisfies { [K in keyof PostContent]-?: v.Schema<PostContent[K]> };
