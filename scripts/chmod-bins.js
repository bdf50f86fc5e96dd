// Marks the package's `bin` files executable after a build. tsc writes them 0644; npm installs bins
// executable anyway, but the packed tarball keeps the mode a file has here, and a tarball unpacked by other
// tools (or `node_modules/pulumi-eyeson/dist/cli/index.js` run directly) should work as it is.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const { bin } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
for (const file of Object.values(bin ?? {})) {
  const target = path.join(root, file);
  if (!fs.readFileSync(target, "utf8").startsWith("#!/usr/bin/env node\n")) {
    throw new Error(`${file} is a bin but does not start with #!/usr/bin/env node`);
  }
  fs.chmodSync(target, 0o755);
}
