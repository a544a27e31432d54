/**
 * Post text to Bluesky rich text: links, #tags and @mentions as facets with
 * UTF-8 byte ranges (RichText does the byte arithmetic). Mentions are
 * resolved here rather than by RichText.detectFacets(agent), which silently
 * turns a network failure into an unlinked mention: here a handle that does
 * not exist is posted as plain text, while a network failure fails the part
 * so the outbox retries it.
 */
import { type Agent, AppBskyRichtextFacet, RichText } from '@atproto/api';
import { isXrpcError, toPublishError } from './errors.ts';

export type Facet = AppBskyRichtextFacet.Main;

export interface BlueskyRichText {
  text: string;
  facets: Facet[] | undefined;
  /** Link targets in the order they appear (the first one may get a link card). */
  links: string[];
}

/** Handles written as @mentions, lower-cased, without the @, each once. */
function mentionedHandles(facets: Facet[] | undefined): string[] {
  const handles = new Set<string>();
  for (const facet of facets ?? []) {
    for (const feature of facet.features) {
      // Before resolution RichText stores the handle in `did`.
      if (AppBskyRichtextFacet.isMention(feature)) handles.add(feature.did.toLowerCase());
    }
  }
  return [...handles];
}

/**
 * The DID behind a handle, or null when the handle does not resolve.
 * Throws PublishError('transient') when the resolver could not be asked.
 */
export async function resolveHandle(agent: Agent, handle: string): Promise<string | null> {
  try {
    const res = await agent.com.atproto.identity.resolveHandle({ handle });
    return res.data.did;
  } catch (err) {
    // The PDS answers 400 ("Unable to resolve handle") for unknown handles.
    if (isXrpcError(err) && err.status === 400) return null;
    throw toPublishError(err);
  }
}

async function resolveAll(agent: Agent, handles: string[]): Promise<Map<string, string | null>> {
  const entries = await Promise.all(
    handles.map(async (handle) => [handle, await resolveHandle(agent, handle)] as const),
  );
  return new Map(entries);
}

function detect(text: string): RichText {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  return rt;
}

/** Mentions in `text` that don't resolve to an account, for the composer to flag before posting. */
export async function findUnresolvedMentions(agent: Agent, text: string): Promise<string[]> {
  const resolved = await resolveAll(agent, mentionedHandles(detect(text).facets));
  return [...resolved].filter(([, did]) => did === null).map(([handle]) => handle);
}

/** Text plus facets ready for an app.bsky.feed.post record. */
export async function buildRichText(agent: Agent, text: string): Promise<BlueskyRichText> {
  const rt = detect(text);
  const dids = await resolveAll(agent, mentionedHandles(rt.facets));
  const facets: Facet[] = [];
  const links: string[] = [];
  for (const facet of rt.facets ?? []) {
    const features: Facet['features'] = [];
    for (const feature of facet.features) {
      if (AppBskyRichtextFacet.isMention(feature)) {
        const did = dids.get(feature.did.toLowerCase());
        // An unknown handle stays plain text: a mention without a DID is an invalid record.
        if (did) features.push({ ...feature, did });
      } else {
        if (AppBskyRichtextFacet.isLink(feature)) links.push(feature.uri);
        features.push(feature);
      }
    }
    if (features.length > 0) facets.push({ ...facet, features });
  }
  return { text: rt.text, facets: facets.length > 0 ? facets : undefined, links };
}
