// The emulator's dashboard: polls GET /__emulator/state (304 while nothing changed) and renders it; every
// button is one call of the public API or of a /__emulator/ control, the same call a user would make with
// curl. Plain browser JavaScript modules (this, controls.js and dom.js), no dependencies, no build step: the
// package serves these files as they are.
import { act, fillWebhookForm, openDrift, wireControls } from "./controls.js";
import { $, button, dateTime, h, replace, time } from "./dom.js";

const POLL_MS = 500;
const MASK = "••••••••";
let state = null;
let etag = null;
const revealed = new Set();

/** A key or token: masked until the user reveals it; `name` says what it is, for screen readers. */
function secret(value, name) {
  if (!value) return h("span", { class: "muted" }, "none");
  const shown = revealed.has(value);
  return h(
    "span",
    { class: "secret" },
    h("code", { "aria-label": shown ? undefined : `${name}, hidden` }, shown ? value : MASK),
    h("button", {
      type: "button",
      class: "small",
      "data-key": `reveal:${name}`,
      "aria-pressed": shown ? "true" : "false",
      "aria-label": `${shown ? "Hide" : "Reveal"} ${name}`,
      text: shown ? "Hide" : "Reveal",
      onclick: () => {
        if (shown) revealed.delete(value);
        else revealed.add(value);
        render();
      },
    }),
  );
}

function participants(meeting) {
  if (meeting.participants.length === 0) return h("p", { class: "muted" }, "Nobody is in it.");
  return h(
    "ul",
    { class: "people" },
    meeting.participants.map((p) =>
      h(
        "li",
        {},
        `${p.name}${p.guest ? " (guest)" : ""}, since ${time(p.joinedAt)} `,
        button(
          "Leave",
          `leave:${meeting.roomId}:${p.id}`,
          () =>
            act(
              `${p.name} leaves`,
              "DELETE",
              `/__emulator/meetings/${encodeURIComponent(meeting.roomId)}/users/${encodeURIComponent(p.id)}`,
            ),
          { class: "small", "aria-label": `${p.name} leaves ${meeting.name}` },
        ),
      ),
    ),
  );
}

function meetingBlock(meeting, account) {
  return h(
    "div",
    { class: "meeting running", "data-room": meeting.roomId },
    h(
      "p",
      {},
      h("strong", { class: "badge live-badge" }, "Meeting running"),
      ` since ${dateTime(meeting.startedAt)}`,
      meeting.ready ? "" : " (starting)",
      meeting.locked ? ", locked" : "",
      meeting.recording ? ", recording" : "",
      ` — ${meeting.participants.length} in it`,
    ),
    participants(meeting),
    h(
      "p",
      { class: "actions" },
      meeting.guestToken
        ? button(
            "Join as guest",
            `guest:${meeting.roomId}`,
            () =>
              act("Guest joins", "POST", `/guests/${meeting.guestToken}`, {
                body: { name: `Guest ${meeting.participants.filter((p) => p.guest).length + 1}` },
              }),
            { "aria-label": `Join ${meeting.name} as a guest` },
          )
        : null,
      button(
        "End meeting",
        `end:${meeting.roomId}`,
        () =>
          act(`End ${meeting.name}`, "DELETE", `/rooms/${encodeURIComponent(meeting.roomId)}`, {
            apiKey: account.apiKey,
          }),
        { class: "danger", "aria-label": `End the meeting in ${meeting.name}` },
      ),
    ),
  );
}

function permalinkCard(permalink, account) {
  const meeting = permalink.meeting;
  return h(
    "article",
    { class: "card", "data-permalink": permalink.id, "aria-labelledby": `p-${permalink.id}` },
    h("h4", { id: `p-${permalink.id}` }, permalink.name),
    h(
      "dl",
      {},
      h("dt", {}, "Permalink id"),
      h("dd", {}, h("code", {}, permalink.id)),
      h("dt", {}, "Expires"),
      h(
        "dd",
        {},
        permalink.expiresAt ? dateTime(permalink.expiresAt) : "never",
        permalink.expired ? h("strong", { class: "badge expired" }, " expired") : null,
      ),
      h("dt", {}, "Guest token"),
      h("dd", {}, secret(permalink.guestToken, `guest token of ${permalink.name}`)),
      h("dt", {}, "Hosts"),
      h(
        "dd",
        {},
        h(
          "ul",
          { class: "hosts" },
          permalink.hosts.map((host) =>
            h(
              "li",
              { "data-host": host.id },
              `${host.name} (${host.id}) `,
              secret(host.userToken, `host token of ${host.name} in ${permalink.name}`),
              " ",
              button(
                meeting ? "Join as host" : "Start meeting",
                `start:${permalink.id}:${host.id}`,
                () =>
                  act(
                    `${host.name} ${meeting ? "joins" : "starts"} ${permalink.name}`,
                    "POST",
                    `/permalink/${host.userToken}`,
                  ),
                {
                  "aria-label": `${meeting ? "Join" : "Start"} the meeting of ${permalink.name} as ${host.name}`,
                },
              ),
            ),
          ),
        ),
      ),
    ),
    meeting ? meetingBlock(meeting, account) : h("p", { class: "meeting idle" }, "No meeting running."),
    h(
      "p",
      { class: "actions" },
      button("Edit room (drift)", `drift:${permalink.id}`, () => openDrift(permalink), {
        "aria-label": `Edit ${permalink.name} as the eyeson dashboard would`,
      }),
    ),
  );
}

function accountSection(account, index, count) {
  const others = account.meetings.filter((m) => !m.permalinkId);
  return h(
    "div",
    { class: "account" },
    h(
      "h3",
      {},
      count > 1 ? `API key ${index + 1} ` : "API key ",
      secret(account.apiKey, `API key ${index + 1}`),
    ),
    account.permalinks.length === 0
      ? h("p", { class: "muted" }, "No permalinks yet: run pulumi up against this emulator.")
      : h(
          "div",
          { class: "cards" },
          account.permalinks.map((p) => permalinkCard(p, account)),
        ),
    others.length > 0
      ? [
          h("h4", {}, "Other running meetings (POST /rooms)"),
          others.map((m) =>
            h(
              "div",
              { class: "card" },
              h("h4", {}, m.name, " ", h("code", {}, m.roomId)),
              meetingBlock(m, account),
            ),
          ),
        ]
      : null,
  );
}

function webhookBlock(account, index, count) {
  const hook = account.webhook;
  const label = count > 1 ? `API key ${index + 1}: ` : "";
  if (!hook) return h("p", { class: "muted" }, `${label}No webhook registered.`);
  return h(
    "dl",
    { class: "webhook", "data-webhook": hook.id },
    h("dt", {}, `${label}URL`),
    h("dd", {}, h("code", {}, hook.url)),
    h("dt", {}, "Types"),
    h("dd", {}, hook.types.join(", ")),
    h("dt", {}, "Id"),
    h("dd", {}, h("code", {}, hook.id)),
    h("dt", {}, "Last delivery"),
    h(
      "dd",
      {},
      hook.lastRequestSentAt
        ? `${dateTime(hook.lastRequestSentAt)}, answered ${hook.lastResponseCode ?? "nothing"}`
        : "none yet",
    ),
  );
}

function deliveryRow(d) {
  const signature =
    d.verified === null ? (d.ours ? "" : "not our receiver") : d.verified ? "verified ✓" : "rejected ✗";
  return h(
    "tr",
    { class: d.status !== null && d.status < 300 ? "" : "bad" },
    h("td", {}, time(d.at)),
    h("td", {}, d.type),
    h("td", {}, h("code", {}, d.ours ? "the emulator's receiver" : d.url)),
    h("td", {}, d.status !== null ? String(d.status) : d.error || "no answer"),
    h("td", {}, signature),
  );
}

function requestRow(r) {
  const notes = [];
  if (r.faulted) notes.push(h("strong", { class: "badge fault" }, "injected fault"), " ");
  if (r.lost) notes.push(h("strong", { class: "badge fault" }, "answer lost"), " ");
  if (Array.isArray(r.ignored) && r.ignored.length > 0) notes.push(`ignored: ${r.ignored.join(", ")}`);
  return h(
    "tr",
    { class: r.faulted || r.status >= 400 || r.status === 0 ? "bad" : "" },
    h("td", {}, time(r.at)),
    h("td", {}, r.method),
    h("td", {}, h("code", {}, r.path)),
    h("td", {}, String(r.status)),
    h("td", {}, notes),
  );
}

function faultItem(f) {
  const what = [
    f.status ? `status ${f.status}` : null,
    f.delayMs ? `delay ${f.delayMs} ms` : null,
    f.reset ? "reset" : null,
    f.lose ? "lose the answer" : null,
  ]
    .filter(Boolean)
    .join(", ");
  const left = f.remaining === null ? "until cleared" : `${f.remaining} left`;
  return h(
    "li",
    {},
    `${f.method || "any method"} ${f.path || f.pathRegExp || "any path"}: ${what} (${left})`,
  );
}

/** Renders the whole state, keeping the focused button focused across the redraw. */
function render() {
  if (!state) return;
  const focused = document.activeElement && document.activeElement.getAttribute("data-key");
  const count = state.accounts.length;
  $("origin").textContent = state.origin;
  $("warning").hidden = !state.warning;
  $("warning").textContent = state.warning || "";
  replace(
    "accounts",
    state.accounts.map((a, i) => accountSection(a, i, count)),
  );
  replace(
    "webhooks",
    state.accounts.map((a, i) => webhookBlock(a, i, count)),
  );
  replace(
    "deliveries",
    state.deliveries.length === 0
      ? h("tr", {}, h("td", { colspan: 5, class: "muted" }, "No deliveries yet."))
      : state.deliveries.slice().reverse().map(deliveryRow),
  );
  replace(
    "faults",
    state.faults.length === 0
      ? h("li", { class: "muted" }, "No active faults.")
      : state.faults.map(faultItem),
  );
  $("request-count").textContent =
    `${state.requestCount} API requests${state.requestCount > state.requests.length ? `, the newest ${state.requests.length} shown` : ""}.`;
  replace("requests", state.requests.slice().reverse().map(requestRow));
  fillWebhookForm(state);
  if (focused) {
    const again = document.querySelector(`[data-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

async function poll() {
  try {
    const res = await fetch("/__emulator/state", {
      headers: etag ? { "if-none-match": etag } : {},
      cache: "no-store",
    });
    if (res.status === 200) {
      etag = res.headers.get("etag");
      state = await res.json();
      render();
    } else {
      await res.text(); // read to the end, or Chromium counts the 304 as an aborted request
    }
    $("live").textContent =
      res.ok || res.status === 304
        ? `Live: updated ${new Date().toLocaleTimeString()}`
        : `State answered ${res.status}`;
    $("live").className = "live";
  } catch {
    $("live").textContent = "The emulator does not answer (stopped?); retrying.";
    $("live").className = "live failed";
  }
}

wireControls({ state: () => state, refresh: poll });
poll();
setInterval(poll, POLL_MS);
