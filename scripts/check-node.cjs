// Runs before `npm install`/`npm ci`: WXT 0.21, masto 8, Vitest and the test PDS need Node >= 22.
// Older Node installs with hundreds of warnings and fails later in confusing ways; stop here instead.
// CommonJS and no modern syntax on purpose, so that any Node can run it and print the message.
var major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    '\nSortie needs Node.js 22 or newer; this is Node ' +
      process.versions.node +
      '.\n' +
      "Install Node.js 22 or newer (https://nodejs.org, your system's packages, or a version\n" +
      'manager such as `nvm install 22`), check with `node --version`, then run the command again.\n',
  );
  process.exit(1);
}
