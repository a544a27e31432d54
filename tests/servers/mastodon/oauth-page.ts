import { escapeHtml } from './http';

// The HTML a person sees during the OAuth dance: Mastodon's sign-in form and its
// "Authorize / Deny" page, folded into one page so an end-to-end test drives a
// single form. The labels, ids and button texts are what tests locate.

export interface AuthorizeRequest {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - Mastodon</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input[type=text], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; }
.actions { margin-top: 1.5rem; display: flex; gap: .5rem; }
.error { color: #b00020; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

export function authorizePage(appName: string, request: AuthorizeRequest, scopes: string[], error?: string): string {
  const hidden = Object.entries(request)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n');
  const scopeItems = scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('');
  const errorBlock = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return page(
    'Authorization required',
    `<main>
<h1>Authorization required</h1>
<p><strong>${escapeHtml(appName)}</strong> would like permission to access your account.</p>
<p>Permissions requested:</p>
<ul class="scopes">${scopeItems}</ul>
${errorBlock}
<form method="post" action="/oauth/authorize">
${hidden}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit" name="decision" value="authorize">Authorize</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>
</main>`,
  );
}

/** Doorkeeper's error page, shown when it cannot safely redirect back to the client. */
export function errorPage(description: string): string {
  return page(
    'An error has occurred',
    `<main>
<h1>An error has occurred</h1>
<p class="error">${escapeHtml(description)}</p>
</main>`,
  );
}

/** The page for urn:ietf:wg:oauth:2.0:oob, where the person copies the code by hand. */
export function nativeCodePage(code: string): string {
  return page(
    'Authorization code',
    `<main>
<h1>Authorization code</h1>
<p>Copy this authorization code and paste it to the application.</p>
<input type="text" id="code" readonly value="${escapeHtml(code)}">
</main>`,
  );
}
