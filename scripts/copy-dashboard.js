// Copies the emulator dashboard's page, script and style sheet next to the compiled server code after a
// build: tsc emits only JavaScript from TypeScript, and the emulator serves these files from
// dist/emulator/dashboard/ (emulator/dashboard/assets.ts). The list of files is the one the server uses.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const from = path.join(root, "emulator", "dashboard");
const to = path.join(root, "dist", "emulator", "dashboard");
const { DASHBOARD_FILES } = require(path.join(to, "assets.js"));
for (const { file } of Object.values(DASHBOARD_FILES)) {
  fs.copyFileSync(path.join(from, file), path.join(to, file));
}
