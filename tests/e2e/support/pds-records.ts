/** Every record of a collection in a repo on the PDS, page after page (100 at a time). */
import type { AtpAgent } from '@atproto/api';

export async function allRecords<T>(agent: AtpAgent, repo: string, collection: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await agent.com.atproto.repo.listRecords({ repo, collection, limit: 100, cursor });
    out.push(...(data.records as unknown as T[]));
    cursor = data.records.length === 100 ? data.cursor : undefined;
  } while (cursor);
  return out;
}
