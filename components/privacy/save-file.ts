/** Hands a text to the browser as a file download (the user picks where it goes, or it lands in Downloads). */
export function saveTextFile(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a minute is plenty for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `sortie-backup-2026-09-01.json`, in the user's local date. */
export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `sortie-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
