/**
 * Hands a text to the browser as a file download from one of Sortie's pages
 * (no permission needed): the user picks where it goes, or it lands in
 * Downloads.
 */
export function saveTextAsFile(name: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download the browser has not started reading yet
  // (slow disks, a save dialog); a minute is plenty, and the page may close before.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
