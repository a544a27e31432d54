/** An image a draft or a queued post uses, stored once. */
export interface MediaRecord {
  id: string;
  blob: Blob;
  mime: string;
  createdAt: number;
}
