// Makes `require("pulumi-eyeson/...")` resolve inside this repository the way it does in a user's project.
//
// Dynamic resources serialize a shim that requires the implementation by package name when the engine's
// dynamic-provider host runs it. That host evaluates the shim without a file name, so Node's package
// self-reference does not apply and the name must be found in a node_modules folder above the program.
// A user's project has it there after `npm install pulumi-eyeson`; here we link the repository itself.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-eyeson");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  if (fs.realpathSync(link) === fs.realpathSync(root)) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.symlinkSync(path.relative(path.dirname(link), root) || "..", link, "dir");
