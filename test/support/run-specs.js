// Runs every spec, giving each spec file that drives the real engine a mocha process of its own, and prints
// one closing line, `N passed, N failed, N skipped`, over all of them.
//
// Why separate processes: those specs run Pulumi programs inline, in this process, and the Node SDK keeps
// part of a run's state process-wide: its handlers for unhandled rejections, module-level settings. A program
// that fails on purpose leaves promises behind that settle later (eight rejections for one failed function
// call), and we saw the first run of a spec file disturbed by what the file before it left: in CI the first
// `up` of the engine smoke spec registered nothing, and locally the first `up` of another spec failed with a
// gRPC error from a monitor that was long gone. A process per such file leaves nothing for the next.
//
// Extra arguments (`npm run test:specs -- --grep rename`) are passed to every mocha run.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const mocha = require.resolve("mocha/bin/mocha.js", { paths: [root] });

/** Every `*.spec.ts` under test/, sorted as mocha sorts a glob. */
function specFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return specFiles(full);
      }
      return entry.name.endsWith(".spec.ts") ? [full] : [];
    })
    .sort();
}

const drivesTheEngine = (file) => fs.readFileSync(file, "utf8").includes("createEngineStack(");

const all = specFiles(path.join(root, "test")).map((file) => path.relative(root, file));
const alone = all.filter((file) => drivesTheEngine(path.join(root, file)));
const together = all.filter((file) => !alone.includes(file));
const groups = [together, ...alone.map((file) => [file])].filter((files) => files.length > 0);

const totalsDir = fs.mkdtempSync(path.join(os.tmpdir(), "eyeson-spec-totals-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const broken = [];
try {
  groups.forEach((files, index) => {
    const totalsFile = path.join(totalsDir, `${index}.json`);
    const run = spawnSync(process.execPath, [mocha, ...process.argv.slice(2), ...files], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, EYESON_SPEC_TOTALS_FILE: totalsFile },
    });
    if (!fs.existsSync(totalsFile)) {
      // mocha never finished its run (a spec that does not compile, a crash): say which, and fail.
      broken.push(
        `${files.length === 1 ? files[0] : `${files.length} spec files`} (exit ${run.status ?? run.signal})`,
      );
      return;
    }
    const counts = JSON.parse(fs.readFileSync(totalsFile, "utf8"));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  });
} finally {
  fs.rmSync(totalsDir, { recursive: true, force: true });
}

for (const what of broken) {
  process.stdout.write(`mocha did not finish: ${what}\n`);
}
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = broken.length > 0 ? 1 : Math.min(totals.failed, 255);
