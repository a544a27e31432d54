/** An error meant for the user: an i18n key plus the technical detail, shown as it is. */
export class SortieError extends Error {
  constructor(
    readonly messageKey: string,
    readonly detail = '',
  ) {
    super(detail ? `${messageKey}: ${detail}` : messageKey);
    this.name = 'SortieError';
  }
}
