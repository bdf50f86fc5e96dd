// The emulator dashboard in a real browser: headless Chromium (Debian's `chromium`, provisioned by
// scripts/install-chromium.sh, driven by playwright-core with that executable) watches the standing-rooms
// example's `pulumi up` land, then plays the people in the room with the page's buttons: the host starts the
// war room's meeting, a guest joins and leaves, a change that would replace the room is refused while the
// meeting runs (the page's log shows the run wrote nothing), the meeting is ended, and the room is edited as
// the eyeson dashboard would, which the next `pulumi preview --refresh` plans to undo. It saves
// docs/dashboard.png, the screenshot in the README's emulator section. Needs `npm run build` (the program imports `pulumi-eyeson`).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Context } from "mocha";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { standingRoomsStack } from "./directoryStack";
import { apiWrites, requireCli } from "./harness";
import { skipUnlessCi } from "../support/skips";

const ROOT = path.resolve(__dirname, "..", "..");
const SCREENSHOT = path.join(ROOT, "docs", "dashboard.png");
/** What the page needs to show something: generous, since two cores run the engine and the browser. */
const UI_TIMEOUT_MS = 20_000;

/** The Chromium executable, or a reason there is none: skipped locally, a failure in CI (like the CLI). */
function requireChromium(ctx: Context): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return skipUnlessCi(
    ctx,
    `no Chromium for the dashboard spec (none at ${candidates.filter(Boolean).join(", ")})`,
    "run `bash scripts/install-chromium.sh` (Debian's chromium package) or set CHROMIUM_PATH",
  );
}

describe("the emulator dashboard in a browser, beside the standing-rooms example's `pulumi up`", function () {
  this.timeout(600_000);
  const dir = standingRoomsStack("dashboard");
  const { stackFile, pulumi, ok } = dir;
  let emulator: EmulatorHandle;
  let browser: Browser | undefined;
  let page: Page;
  /** Script errors and requests the browser could not complete, collected over the whole run. */
  const pageProblems: string[] = [];

  /** The war room's card on the page. */
  const warRoom = (): Locator =>
    page.locator("article.card", { has: page.getByRole("heading", { name: /war room/ }) });

  before(async function () {
    requireCli(this);
    const executablePath = requireChromium(this);
    emulator = await startEmulator();
    dir.open();
    await dir.init(emulator);
    // Chromium refuses to start as root with its sandbox on (CI runs as root).
    browser = await chromium.launch({
      executablePath,
      args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1150 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on("pageerror", (err) => pageProblems.push(`script error: ${err.message}`));
    page.on("requestfailed", (req) =>
      pageProblems.push(`${req.method()} ${req.url()} failed: ${req.failure()?.errorText}`),
    );
    page.on("request", (req) => {
      if (!req.url().startsWith(emulator.url)) pageProblems.push(`request to another origin: ${req.url()}`);
    });
    await page.goto(emulator.dashboardUrl);
  });

  after(async () => {
    await browser?.close();
    await dir.dispose();
    await emulator?.close();
  });

  it("lists the rooms, their hosts and the webhook that `pulumi up` created, as they arrive", async () => {
    await page.getByText("No permalinks yet").waitFor();
    // Watched while `up` runs, to report how soon the page shows what the engine made (not asserted).
    const shown = page
      .locator("article.card")
      .nth(1)
      .waitFor({ timeout: 300_000 })
      .then(() => Date.now());
    await ok("up", "--yes");
    const upFinished = Date.now();
    const shownAt = await shown;
    const secondCreated = Math.max(
      ...emulator.requests
        .list()
        .filter((r) => r.route === "POST /permalink")
        .map((r) => Date.parse(r.at)),
    );
    await page.getByText("Dev backup on-call (dev-oncall-backup)").waitFor();
    // In creation order, which the engine's parallel creates leave open.
    assert.deepEqual((await page.locator("article.card h4").allTextContents()).sort(), [
      "Dev sandbox (expires)",
      "Dev war room",
    ]);
    assert.match((await warRoom().textContent()) ?? "", /Dev on-call \(dev-oncall\)/);
    const webhooks = page.locator("#webhooks");
    assert.match(
      (await webhooks.textContent()) ?? "",
      /https:\/\/incidents\.dev\.example\.com\/hooks\/eyeson/,
    );
    assert.match(
      (await webhooks.textContent()) ?? "",
      /Types(participant_update, room_update|room_update, participant_update)Id/,
    );
    assert.ok(
      (await page.locator("#requests").textContent())?.includes("/permalink"),
      "the request log shows the up's requests",
    );
    // The page's own requests (its files, its polling, no favicon) are not API requests.
    assert.deepEqual(
      emulator.requests.list().filter((r) => r.route.endsWith("(unmatched)")),
      [],
    );
    // Keys and tokens stay masked until revealed.
    const html = await page.content();
    assert.ok(!html.includes(emulator.apiKey), "the API key is masked");
    for (const permalink of emulator.store.permalinksOf(emulator.apiKey)) {
      for (const host of permalink.hosts) assert.ok(!html.includes(host.userToken), "host tokens are masked");
    }
    // From the keyboard: Enter reveals the key, and focus stays on the redrawn button, so Enter hides it again.
    await page.getByRole("button", { name: "Reveal API key 1" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(emulator.apiKey).waitFor();
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Reveal API key 1" }).waitFor();
    assert.ok(!(await page.content()).includes(emulator.apiKey), "hidden again");
    const sinceExit = shownAt - upFinished;
    console.log(
      `      (the page showed both rooms ${shownAt - secondCreated} ms after the second was created, ` +
        `${Math.abs(sinceExit)} ms ${sinceExit < 0 ? "before" : "after"} \`pulumi up\` exited)`,
    );
  });

  it("re-registers the webhook to the emulator's own receiver (POST /webhooks)", async () => {
    await page.getByRole("button", { name: "Use the emulator's receiver" }).click();
    await page.getByRole("button", { name: "Re-register" }).click();
    await page.locator("#webhooks").getByText(`${emulator.url}/__emulator/receiver`).waitFor();
    assert.equal(emulator.store.webhooks.get(emulator.apiKey)?.url, `${emulator.url}/__emulator/receiver`);
    assert.equal(apiWrites(emulator).at(-1), "POST /webhooks");
  });

  it("starts the war room's meeting as its host, and shows it running with the host in it", async () => {
    const before = emulator.requests.list().length;
    await warRoom().getByRole("button", { name: "Start the meeting of Dev war room as Dev on-call" }).click();
    await warRoom().locator(".meeting.running").waitFor();
    assert.match((await warRoom().locator(".meeting.running").textContent()) ?? "", /Dev on-call, since/);
    // The receiver checked the signature of the meeting's room_update and participant_update.
    await page.locator("#deliveries").getByText("verified ✓").nth(1).waitFor();
    assert.deepEqual(
      emulator.requests
        .list()
        .slice(before)
        .map((r) => `${r.route} ${r.status}`),
      ["POST /permalink/:userToken 201"],
    );
  });

  it("lets a guest join and leave, and saves the screenshot of the running meeting", async () => {
    await warRoom().getByRole("button", { name: "Join Dev war room as a guest" }).click();
    await warRoom().getByText("Guest 1 (guest)").waitFor();
    await page.screenshot({ path: SCREENSHOT });
    await warRoom().getByRole("button", { name: "Guest 1 leaves Dev war room" }).click();
    await warRoom().getByText("Guest 1 (guest)").waitFor({ state: "detached" });
    assert.match((await warRoom().locator(".meeting.running").textContent()) ?? "", /1 in it/);
  });

  it("refuses `pulumi up` of a first-host rename that would replace the war room and end its meeting, and the page's log shows the run wrote nothing", async () => {
    // The page has caught up with every request so far; the refused run's requests are the rows added after.
    const logged = (): number => emulator.requests.list().length;
    /** Waits until the page counts `n` API requests. */
    const pageCounts = (n: number) =>
      page
        .locator("#request-count")
        .getByText(new RegExp(`^${n} API requests`))
        .waitFor();
    const before = logged();
    await pageCounts(before);
    const config = fs.readFileSync(stackFile, "utf8");
    // The change a user makes in Pulumi.<stack>.yaml: the first host's display name, which replaces the room.
    await ok("config", "set", "--path", "eyeson-standing-rooms:rooms[0].hosts[0].name", "Dev on-call (EU)");
    const run = await pulumi("up", "--yes").finally(() => fs.writeFileSync(stackFile, config));
    const output = `${run.stdout}\n${run.stderr}`;
    assert.notEqual(run.code, 0, `the up is refused:\n${output}`);
    // The engine deletes the room's host first (the room asks to be deleted before it is replaced while its
    // meeting runs), and that delete reads the room and refuses, before any write.
    const warRoomId = emulator.store.permalinksOf(emulator.apiKey).find((p) => p.name === "Dev war room")?.id;
    assert.ok(warRoomId, "the war room is still there");
    assert.match(
      output,
      new RegExp(
        `war-room-dev-oncall-backup: refused: a meeting has been running in room "Dev war room" ` +
          `\\(permalink ${warRoomId}\\) since \\d\\d:\\d\\d UTC\\. This step removes the host "Dev backup on-call"`,
      ),
    );
    assert.match(
      output,
      /Nothing was changed\. Run again after the meeting, or allow it for this run: `EYESON_LIVE_MEETINGS=allow pulumi up`/,
    );
    assert.match(
      output,
      /warning: war-room: a meeting is running \(since \d\d:\d\d UTC\); this change would end it/,
    );
    const added = logged() - before;
    await pageCounts(before + added);
    // Newest first: the run's rows are the first `added`. It read the room, and wrote nothing.
    const methods = await page.locator("#requests tr td:nth-child(2)").allTextContents();
    const ofTheRun = methods.slice(0, added);
    assert.ok(ofTheRun.includes("GET"), `the run read the room: ${ofTheRun.join(", ")}`);
    assert.deepEqual(
      ofTheRun.filter((m) => m !== "GET"),
      [],
      "no POST, PUT, PATCH or DELETE in the page's log",
    );
    assert.deepEqual(
      emulator.requests
        .list()
        .slice(before)
        .filter((r) => r.method !== "GET"),
      [],
    );
    assert.match((await warRoom().locator(".meeting.running").textContent()) ?? "", /Dev on-call, since/);
    assert.equal(emulator.store.runningMeetings(emulator.apiKey).length, 1);
  });

  it("shows the meeting as running, then as ended once 'End meeting' is clicked", async () => {
    assert.match((await warRoom().textContent()) ?? "", /Meeting running/);
    await warRoom().getByRole("button", { name: "End the meeting in Dev war room" }).click();
    await warRoom().getByText("No meeting running.").waitFor();
    assert.equal(emulator.store.runningMeetings(emulator.apiKey).length, 0);
    assert.ok(apiWrites(emulator).includes("DELETE /rooms/:roomId"));
  });

  it("edits the war room as the eyeson dashboard would, and the next `pulumi preview --refresh` plans the update", async () => {
    await warRoom().getByRole("button", { name: "Edit Dev war room as the eyeson dashboard would" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Name" }).fill("Dev war room (renamed in eyeson)");
    await dialog.getByRole("checkbox", { name: "lock_available", exact: true }).uncheck();
    const writes = apiWrites(emulator).length;
    await dialog.getByRole("button", { name: "Save the edit" }).click();
    await page.getByRole("heading", { name: "Dev war room (renamed in eyeson)" }).waitFor();
    assert.equal(apiWrites(emulator).length, writes, "the drift is not an API request");

    const preview = await ok("preview", "--refresh", "--json");
    const plan = JSON.parse(preview.stdout) as {
      steps?: Array<{ op: string; urn: string; detailedDiff?: Record<string, unknown> }>;
    };
    const updates = (plan.steps ?? []).filter((s) => s.op === "update").map((s) => s.urn.split("::").pop());
    // The webhook re-registered above is planned back too; the sandbox is left alone.
    assert.ok(updates.includes("war-room"), `the war room's update is planned: ${preview.stdout}`);
    assert.ok(!updates.includes("sandbox"));
  });

  it("injects a fault from the page, marks the request it failed in the log, and resets everything", async () => {
    await page.getByLabel("Path (glob)").fill("/permalink/*");
    await page.getByRole("button", { name: "Inject fault" }).click();
    await page.locator("#faults").getByText("any method /permalink/*: status 503 (1 left)").waitFor();
    await warRoom()
      .getByRole("button", { name: /^Start the meeting of Dev war room .* as Dev on-call$/ })
      .click();
    await page.locator("#outcome").getByText("answered 503").waitFor();
    const newest = page.locator("#requests tr").first();
    assert.match((await newest.textContent()) ?? "", /POST\/permalink\/\*\*\*503injected fault/);
    await page.getByRole("button", { name: "Lose the next answer" }).click();
    await page.locator("#faults").getByText("lose the answer").waitFor();
    await page.getByRole("button", { name: "Clear faults" }).click();
    await page.locator("#faults").getByText("No active faults.").waitFor();
    assert.deepEqual(emulator.faults.list(), []);

    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Reset everything" }).click();
    await page.getByText("No permalinks yet").waitFor();
    assert.deepEqual(emulator.store.permalinksOf(emulator.apiKey), []);
  });

  it("ran without a script error, a failed request or a request to another origin", () => {
    assert.deepEqual(pageProblems, []);
  });
});
