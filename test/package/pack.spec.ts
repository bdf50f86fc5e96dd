// What `npm pack` puts in the package users install: the built code and its types, the bins, README and
// LICENSE, and a manifest without install-time scripts; no sources, no source maps, no repository tooling.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { packedTarball, type Tarball } from "./tarball";

const ROOT = path.resolve(__dirname, "..", "..");
const REPOSITORY = "https://github.com/pulumi-eyeson/pulumi-eyeson";
// Today about 305 kB packed and 1.17 MB unpacked (the declarations carry every function's example, and the API
// notes they cite ship too); the bounds catch a folder packed by mistake.
const MAX_PACKED_BYTES = 350_000;
const MAX_UNPACKED_BYTES = 1_400_000;

interface Manifest {
  name: string;
  license: string;
  main: string;
  types: string;
  keywords?: string[];
  homepage?: string;
  bugs?: { url?: string };
  repository?: { type?: string; url?: string };
  bin?: Record<string, string>;
  scripts?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  typesVersions?: Record<string, Record<string, string[]>>;
  engines?: Record<string, string>;
}

describe("the npm package (npm pack)", function () {
  this.timeout(300_000);
  let tarball: Tarball;
  let manifest: Manifest;

  before(async () => {
    tarball = await packedTarball();
    const entry = tarball.entries.get("package.json") ?? assert.fail("no package.json in the tarball");
    manifest = JSON.parse(entry.content.toString("utf8")) as Manifest;
  });

  it("holds only the built code with its types, the plugin's schema.json, the API notes, README, LICENSE and package.json", () => {
    const unexpected = [...tarball.entries.keys()].filter(
      (file) =>
        !["package.json", "README.md", "LICENSE", "schema.json", "docs/api-notes.md"].includes(file) &&
        !/^dist\/(provider|emulator|cli|plugin)\/.+\.(js|d\.ts)$/.test(file) &&
        !/^dist\/emulator\/dashboard\/(index\.html|style\.css)$/.test(file),
    );
    assert.deepEqual(unexpected, []);
    for (const area of ["provider", "emulator", "cli"]) {
      assert.ok(tarball.entries.has(`dist/${area}/index.js`), `dist/${area}/index.js is packed`);
      assert.ok(tarball.entries.has(`dist/${area}/index.d.ts`), `dist/${area}/index.d.ts is packed`);
    }
  });

  it("packs the emulator dashboard's page, script and style sheet beside the code that serves them", () => {
    for (const file of ["index.html", "app.js", "controls.js", "dom.js", "style.css", "assets.js"]) {
      assert.ok(
        tarball.entries.has(`dist/emulator/dashboard/${file}`),
        `dist/emulator/dashboard/${file} is packed`,
      );
    }
  });

  it("ships no TypeScript sources and no source maps, and no code points at a map", () => {
    const files = [...tarball.entries.keys()];
    assert.deepEqual(
      files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")),
      [],
    );
    assert.deepEqual(
      files.filter((f) => f.endsWith(".map")),
      [],
    );
    const pointing = [...tarball.entries.values()]
      .filter((e) => /\.(js|d\.ts)$/.test(e.path) && e.content.toString("utf8").includes("sourceMappingURL"))
      .map((e) => e.path);
    assert.deepEqual(pointing, []);
  });

  it("names in its declarations' docs (what an editor shows) only files it ships: no source file, no note left behind", () => {
    const named: string[] = [];
    for (const entry of tarball.entries.values()) {
      if (!entry.path.endsWith(".d.ts")) continue;
      for (const match of entry.content.toString("utf8").matchAll(/[\w@./-]+\.(?:ts|md)\b/g)) {
        if (!match[0].endsWith(".d.ts") && !tarball.entries.has(match[0]))
          named.push(`${entry.path}: ${match[0]}`);
      }
    }
    assert.deepEqual(named, []);
  });

  it("has no install-time scripts (npm warns about prepare on install)", () => {
    for (const script of ["preinstall", "install", "postinstall", "prepare"]) {
      assert.equal(manifest.scripts?.[script], undefined, `scripts.${script} is in the published manifest`);
    }
  });

  it("declares the pulumi-eyeson, pulumi-eyeson-emulator and pulumi-resource-eyeson bins: packed, executable, with a node shebang", () => {
    assert.deepEqual(Object.keys(manifest.bin ?? {}).sort(), [
      "pulumi-eyeson",
      "pulumi-eyeson-emulator",
      "pulumi-resource-eyeson",
    ]);
    for (const [name, file] of Object.entries(manifest.bin ?? {})) {
      const entry =
        tarball.entries.get(path.posix.normalize(file)) ?? assert.fail(`bin ${name}: ${file} is not packed`);
      assert.ok(
        entry.content.toString("utf8").startsWith("#!/usr/bin/env node\n"),
        `bin ${name} has a shebang`,
      );
      assert.equal(entry.mode & 0o111, 0o111, `bin ${name} is executable`);
    }
  });

  it("points every entry point, export and typesVersions path at a packed file", () => {
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.exports ?? {}).flatMap((t) =>
        typeof t === "string" ? [t] : Object.values(t),
      ),
      ...Object.values(manifest.typesVersions ?? {}).flatMap((map) => Object.values(map).flat()),
    ];
    for (const target of targets) {
      const file = path.posix.normalize(target);
      if (file.includes("*")) {
        const pattern = new RegExp(`^${file.split("*").map(escape).join("[^]+")}$`);
        assert.ok(
          [...tarball.entries.keys()].some((f) => pattern.test(f)),
          `${target} matches a packed file`,
        );
      } else {
        assert.ok(tarball.entries.has(file), `${target} is packed`);
      }
    }
    assert.deepEqual(manifest.typesVersions?.["*"]?.emulator, ["./dist/emulator/index.d.ts"]);
    assert.deepEqual(manifest.typesVersions?.["*"]?.policy, ["./dist/provider/policy/index.d.ts"]);
  });

  it("exports the package, the emulator, the policy rules, package.json and the shim loader existing states require, nothing else", () => {
    assert.deepEqual(Object.keys(manifest.exports ?? {}).sort(), [
      ".",
      "./emulator",
      "./package.json",
      "./policy",
      "./provider/resources/shim",
    ]);
    // Every state ever written requires this path by name (see provider/resources/shim.ts).
    assert.ok(
      require.resolve("pulumi-eyeson/provider/resources/shim", { paths: [ROOT] }).endsWith("shim.js"),
    );
    for (const internal of ["pulumi-eyeson/provider/client", "pulumi-eyeson/dist/provider/errors"]) {
      assert.throws(
        () => require.resolve(internal, { paths: [ROOT] }),
        (err: unknown) => (err as { code?: unknown }).code === "ERR_PACKAGE_PATH_NOT_EXPORTED",
        `${internal} is not importable`,
      );
    }
  });

  it("carries the Apache-2.0 LICENSE text, and where the project lives", () => {
    const license = tarball.entries.get("LICENSE")?.content.toString("utf8") ?? assert.fail("no LICENSE");
    assert.equal(manifest.license, "Apache-2.0");
    assert.equal(license, fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8"));
    for (const part of [
      "Apache License",
      "Version 2.0, January 2004",
      "END OF TERMS AND CONDITIONS",
      "APPENDIX",
    ]) {
      assert.ok(license.includes(part), `LICENSE has "${part}"`);
    }
    assert.equal(manifest.repository?.url, `git+${REPOSITORY}.git`);
    assert.equal(manifest.homepage, `${REPOSITORY}#readme`);
    assert.equal(manifest.bugs?.url, `${REPOSITORY}/issues`);
    assert.ok((manifest.keywords ?? []).includes("pulumi"), "keywords include pulumi");
  });

  it("stays small", () => {
    assert.ok(tarball.report.size < MAX_PACKED_BYTES, `packed ${tarball.report.size} bytes`);
    assert.ok(
      tarball.report.unpackedSize < MAX_UNPACKED_BYTES,
      `unpacked ${tarball.report.unpackedSize} bytes`,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
