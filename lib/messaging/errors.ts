/** An error meant for the user: an i18n key plus the technical detail, shown as it is. */
export class SortieError extends Error {
  readonly messageKey: string;
  readonly detail: string;

  constructor(messageKey: string, detail = '') {
    super(detail ? `${messageKey}: ${detail}` : messageKey);
    this.name = 'SortieError';
    this.messageKey = messageKey;
    this.detail = detail;
  }
}
