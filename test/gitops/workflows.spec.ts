// The GitOps examples users copy (examples/gitops/): the GitHub Actions workflows pass actionlint, the GitLab
// file validates against GitLab's own CI schema, and both keep the promises their README makes: previews on
// pull/merge requests with a comment, `up` on dev -> staging -> prod in order, one concurrency group (or
// resource group) per stack that never cancels a running update, a protected prod environment, Node 22, and a
// nightly drift check per stack that fails and keeps one issue per stack, and never deploys.
// The tools come from scripts/install-actionlint.sh and scripts/install-gitlab-ci-schema.sh (run by `npm
// test`); without them these specs skip with a hint locally and fail in CI.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import type { Context } from "mocha";
import YAML from "yaml";
import { skipUnlessCi } from "../support/skips";

const ROOT = path.resolve(__dirname, "..", "..");
const GITOPS = path.join(ROOT, "examples", "gitops");
const WORKFLOWS = path.join(GITOPS, ".github", "workflows");
const PREVIEW = path.join(WORKFLOWS, "eyeson-preview.yml");
const UP = path.join(WORKFLOWS, "eyeson-up.yml");
const DRIFT = path.join(WORKFLOWS, "eyeson-drift.yml");
/** The preflight before each `up`, as the README shows it. */
const PREFLIGHT =
  /pulumi preview --stack "?\$?\{?(\w+)\}?"? --json --non-interactive > plan\.json && npx pulumi-eyeson preflight --plan plan\.json/;
/** The drift check's command, as the README promises it. */
const DRIFT_COMMAND = /pulumi refresh --stack "\$STACK" --preview-only --expect-no-changes/;
const GITLAB = path.join(GITOPS, ".gitlab-ci.yml");
const STACKS = ["dev", "staging", "prod"];

// Where the install scripts put the tools (the same defaults as the scripts).
const CACHE = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-eyeson");
const ACTIONLINT = path.join(
  CACHE,
  `actionlint-v${process.env.ACTIONLINT_VERSION ?? "1.7.12"}`,
  "bin",
  "actionlint",
);
const GITLAB_SCHEMA = path.join(
  CACHE,
  `gitlab-ci-schema-${process.env.GITLAB_CI_LOCAL_VERSION ?? "4.64.1"}`,
  "gitlab-ci.schema.json",
);

type Yaml = Record<string, unknown>;

function load(file: string): Yaml {
  return YAML.parse(fs.readFileSync(file, "utf8")) as Yaml;
}

function record(value: unknown, what: string): Yaml {
  assert.ok(typeof value === "object" && value !== null && !Array.isArray(value), `${what} is a mapping`);
  return value as Yaml;
}

/** Skips without the tool locally; in CI (`CI` set) a missing tool fails, naming the script that provides it. */
function requireTool(ctx: Context, file: string, script: string): void {
  if (fs.existsSync(file)) return;
  skipUnlessCi(ctx, `no ${path.basename(file)} (${file})`, `run \`bash ${script}\``);
}

/** The `with:` of the job's `pulumi/actions` step, and the job's Node version. */
function pulumiStep(job: Yaml): { with: Yaml; node: unknown } {
  const steps = job.steps as Yaml[];
  // The step that runs a command; a step without `with` only installs the CLI.
  const pulumi = steps.find((s) => String(s.uses).startsWith("pulumi/actions@") && s.with !== undefined);
  const setup = steps.find((s) => String(s.uses).startsWith("actions/setup-node@"));
  return {
    with: record(pulumi?.with, "the pulumi/actions step"),
    node: record(setup?.with, "setup-node")["node-version"],
  };
}

describe("GitOps examples", () => {
  describe("GitHub Actions", () => {
    it("passes actionlint", async function () {
      requireTool(this, ACTIONLINT, "scripts/install-actionlint.sh");
      const result = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          ACTIONLINT,
          ["-no-color", PREVIEW, UP, DRIFT],
          { cwd: GITOPS, timeout: 60_000 },
          (err, stdout, stderr) =>
            resolve({
              code: err ? (typeof err.code === "number" ? err.code : 1) : 0,
              output: stdout + stderr,
            }),
        );
      });
      assert.equal(result.code, 0, result.output);
    });

    it("previews every stack on pull requests, comments on the pull request, and lets no failure cancel another", () => {
      const workflow = load(PREVIEW);
      assert.deepEqual(Object.keys(record(workflow.on, "on")), ["pull_request"]);
      assert.equal(record(workflow.permissions, "permissions")["pull-requests"], "write");
      const jobs = Object.values(record(workflow.jobs, "jobs")).map((j) => record(j, "job"));
      assert.equal(jobs.length, 1);
      const strategy = record(jobs[0].strategy, "strategy");
      assert.equal(strategy["fail-fast"], false);
      assert.deepEqual(record(strategy.matrix, "matrix").stack, STACKS);
      const step = pulumiStep(jobs[0]);
      assert.equal(step.with.command, "preview");
      assert.equal(step.with["stack-name"], "${{ matrix.stack }}");
      assert.equal(step.with["comment-on-pr"], true);
      assert.equal(step.node, 22);
      const concurrency = record(jobs[0].concurrency, "concurrency");
      assert.match(String(concurrency.group), /\$\{\{ matrix\.stack \}\}/, "one group per stack");
    });

    it("runs up on merges to main: dev, then staging, then prod, each in its environment (prod is the one to protect)", () => {
      const workflow = load(UP);
      assert.deepEqual(record(record(workflow.on, "on").push, "push").branches, ["main"]);
      const jobs = record(workflow.jobs, "jobs");
      assert.deepEqual(Object.keys(jobs), STACKS);
      const groups = new Set<string>();
      STACKS.forEach((stack, i) => {
        const job = record(jobs[stack], stack);
        assert.equal(job.strategy, undefined, `${stack} has no matrix, so nothing fails fast across stacks`);
        assert.equal(
          job.needs,
          i === 0 ? undefined : STACKS[i - 1],
          `${stack} waits for the stack before it`,
        );
        assert.equal(job.environment, stack);
        const concurrency = record(job.concurrency, `${stack}'s concurrency`);
        assert.equal(
          concurrency["cancel-in-progress"],
          false,
          `a running ${stack} update is never cancelled`,
        );
        groups.add(String(concurrency.group));
        const step = pulumiStep(job);
        assert.equal(step.with.command, "up");
        assert.equal(step.with["stack-name"], stack);
        const steps = job.steps as Yaml[];
        const preflight = steps.findIndex((s) => PREFLIGHT.test(String(s.run)));
        assert.ok(preflight >= 0, `${stack} runs pulumi-eyeson preflight`);
        assert.equal(PREFLIGHT.exec(String(steps[preflight].run))?.[1], stack, "on its own stack");
        assert.ok(
          preflight < steps.findIndex((s) => record(s.with ?? {}, "with").command === "up"),
          `${stack}'s preflight runs before its up`,
        );
        assert.equal(step.node, 22);
      });
      assert.equal(groups.size, STACKS.length, "one concurrency group per stack");
    });

    it("checks every stack for drift nightly: refresh --preview-only --expect-no-changes, one issue per stack, never deploying", () => {
      const workflow = load(DRIFT);
      const on = record(workflow.on, "on");
      assert.deepEqual(Object.keys(on).sort(), ["schedule", "workflow_dispatch"]);
      assert.equal((on.schedule as Yaml[]).length, 1, "one nightly schedule");
      assert.equal(record(workflow.permissions, "permissions").issues, "write");
      const jobs = Object.values(record(workflow.jobs, "jobs")).map((j) => record(j, "job"));
      assert.equal(jobs.length, 1);
      const [job] = jobs;
      const strategy = record(job.strategy, "strategy");
      assert.equal(strategy["fail-fast"], false, "drift in one stack never cancels another's check");
      assert.deepEqual(record(strategy.matrix, "matrix").stack, STACKS);
      assert.equal(
        job.environment,
        undefined,
        "no environment, so prod's required reviewers never hold it up",
      );
      const concurrency = record(job.concurrency, "concurrency");
      // Never the up workflow's group: a queued check would cancel a pending deployment.
      assert.equal(concurrency.group, "eyeson-drift-${{ matrix.stack }}", "a group of its own per stack");
      assert.equal(concurrency["cancel-in-progress"], false);
      const steps = job.steps as Yaml[];
      assert.equal(
        record(steps.find((s) => String(s.uses).startsWith("actions/setup-node@"))?.with, "setup-node")[
          "node-version"
        ],
        22,
      );
      const pulumiAction = steps.find((s) => String(s.uses).startsWith("pulumi/actions@"));
      assert.equal(pulumiAction?.with, undefined, "the action only installs the CLI");
      const refresh = steps.find((s) => s.id === "refresh") ?? assert.fail("the refresh step");
      assert.match(String(refresh.run), DRIFT_COMMAND);
      assert.match(String(refresh.run), /set -o pipefail/, "drift fails the job");
      const report = steps[steps.indexOf(refresh) + 1] ?? assert.fail("the issue step");
      assert.match(String(report.if), /always\(\)/);
      const script = String(report.run);
      assert.match(script, /title="eyeson drift: \$STACK"/, "one issue per stack, found by its title");
      for (const command of [
        "gh issue list --state open",
        "gh issue comment",
        "gh issue create",
        "gh issue close",
      ]) {
        assert.ok(script.includes(command), command);
      }
      for (const other of [PREVIEW, UP]) {
        assert.equal(
          record(load(other).on, "on").schedule,
          undefined,
          `${path.basename(other)} is not scheduled`,
        );
      }
    });
  });

  describe("GitLab CI", () => {
    it("validates against GitLab's CI schema", function () {
      requireTool(this, GITLAB_SCHEMA, "scripts/install-gitlab-ci-schema.sh");
      const schema = JSON.parse(fs.readFileSync(GITLAB_SCHEMA, "utf8")) as object;
      // GitLab's schema carries editor keywords (markdownDescription) that strict mode would refuse.
      const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
      const valid = validate(load(GITLAB));
      const errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`,
      );
      assert.ok(valid, errors.join("\n"));
    });

    it("previews every stack on merge requests and posts the preview as a note", () => {
      const file = load(GITLAB);
      const preview = record(file.preview, "preview");
      assert.equal(preview.stage, "preview");
      assert.match(JSON.stringify(preview.rules), /merge_request_event/);
      assert.deepEqual(record(preview.parallel, "parallel").matrix, [{ STACK: STACKS }]);
      const script = (preview.script as string[]).join("\n");
      assert.match(script, /pulumi preview --stack "\$STACK"/);
      assert.match(script, /merge_requests\/\$CI_MERGE_REQUEST_IID\/notes/);
      assert.equal(record(file.default, "default").image, "node:22");
    });

    it("runs up after a merge: dev, then staging, then prod, one resource group per stack, never interrupted", () => {
      const file = load(GITLAB);
      const template = record(file[".up"], ".up");
      assert.equal(template.interruptible, false);
      assert.match(JSON.stringify(template.rules), /CI_DEFAULT_BRANCH/);
      const upScript = (template.script as string[]).join("\n");
      assert.match(upScript, /pulumi up --stack "\$STACK" --yes/);
      const preflight = PREFLIGHT.exec(upScript) ?? assert.fail("the up job runs pulumi-eyeson preflight");
      assert.equal(preflight[1], "STACK");
      assert.ok(preflight.index < upScript.indexOf("pulumi up"), "preflight runs before up");
      const stages = file.stages as string[];
      const groups = new Set<string>();
      STACKS.forEach((stack, i) => {
        const job = record(file[`up-${stack}`], `up-${stack}`);
        assert.equal(job.extends, ".up");
        assert.ok(stages.indexOf(String(job.stage)) > stages.indexOf(i === 0 ? "preview" : STACKS[i - 1]));
        assert.deepEqual(job.needs, i === 0 ? undefined : [`up-${STACKS[i - 1]}`]);
        assert.equal(record(job.variables, "variables").STACK, stack);
        assert.equal(record(job.environment, "environment").name, stack);
        groups.add(String(job.resource_group));
      });
      assert.equal(groups.size, STACKS.length, "one resource group per stack");
    });

    it("checks every stack for drift from the pipeline schedule only, in its up job's resource group, and never deploys on a schedule", () => {
      const file = load(GITLAB);
      assert.ok(
        (record(file.workflow, "workflow").rules as Yaml[]).some(
          (rule) => rule.if === '$CI_PIPELINE_SOURCE == "schedule"',
        ),
        "scheduled pipelines run",
      );
      const template = record(file[".drift"], ".drift");
      assert.deepEqual(template.rules, [{ if: '$CI_PIPELINE_SOURCE == "schedule"' }]);
      assert.equal(template.interruptible, false);
      const script = (template.script as string[]).join("\n");
      assert.match(script, DRIFT_COMMAND);
      assert.match(script, /set -o pipefail/);
      assert.match(script, /exit "\$status"/, "drift fails the job");
      assert.match(script, /labels=\$label/, "one issue per stack, found by its label");
      assert.match(script, /"\$api\/\$iid\/notes"/, "an open issue gets a comment");
      assert.match(script, /state_event=close/, "a clean night closes it");
      for (const stack of STACKS) {
        const job = record(file[`drift-${stack}`], `drift-${stack}`);
        assert.equal(job.extends, ".drift");
        assert.equal(record(job.variables, "variables").STACK, stack);
        assert.equal(job.resource_group, record(file[`up-${stack}`], `up-${stack}`).resource_group);
        assert.equal(job.environment, undefined);
      }
      const up = record(file[".up"], ".up");
      assert.deepEqual((up.rules as Yaml[])[0], { if: '$CI_PIPELINE_SOURCE == "schedule"', when: "never" });
      const preview = record(file.preview, "preview");
      assert.doesNotMatch(JSON.stringify(preview.rules), /schedule/);
    });
  });
});
