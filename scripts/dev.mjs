// `npm run dev`: WXT's dev mode opens a browser window, which needs a display.
// On a machine without one (a server, a container) WXT would crash with
// "read ECONNRESET"; run it under a virtual display when one can be had,
// and otherwise say what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const xvfbRun = '/usr/bin/xvfb-run';

let command = ['npx', 'wxt', ...args];
if (needsDisplay) {
  if (!existsSync(xvfbRun)) {
    console.error(
      'npm run dev opens a browser window, and this machine has no display.\n' +
        'Install a virtual one (Debian/Ubuntu: `sudo apt-get install xvfb`) and run `npm run dev` again,\n' +
        'or build with `npm run build` and load .output/chrome-mv3 by hand (see the README).',
    );
    process.exit(1);
  }
  console.error('No display: running the browser under a virtual one (xvfb-run).');
  command = [xvfbRun, '-a', ...command];
}
const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit' });
process.exit(result.status ?? 1);
