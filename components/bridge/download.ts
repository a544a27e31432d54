/** Saves text as a file through the browser's own download (no permission needed from a page). */
export function download(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the blob by the next task; free it then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
