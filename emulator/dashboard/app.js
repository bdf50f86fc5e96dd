// The emulator's dashboard: polls GET /__emulator/state (304 while nothing changed) and renders it; every
// button is one call of the public API or of a /__emulator/ control, the same call a user would make with
// curl. Plain browser JavaScript, no dependencies, no build step: the package serves this file as it is.
"use strict";

const POLL_MS = 500;
const MASK = "••••••••";
let state = null;
let etag = null;
const revealed = new Set();
let driftTarget = null;
let driftOpener = null;

const $ = (id) => document.getElementById(id);

/** An element with attributes (`on*` functions become listeners) and children (strings become text). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return el;
}

const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "");
const dateTime = (iso) => (iso ? new Date(iso).toLocaleString() : "");

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

function button(label, key, onclick, extra) {
  return h("button", { type: "button", "data-key": key, onclick, ...extra }, label);
}

/** Runs one call and says what came of it in the status line; the next poll shows the effect. */
async function act(what, method, path, options) {
  const headers = {};
  let body;
  if (options && options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (options && options.apiKey) headers.authorization = options.apiKey;
  const shownPath = path.replace(/\/[A-Za-z0-9]{24}(?=\/|$)/g, (seg) =>
    /^\/[0-9a-f]{24}$/.test(seg) ? seg : "/***",
  );
  let outcome;
  try {
    const res = await fetch(path, { method, headers, body });
    const message = await res.json().then(
      (b) => (b && b.error) || "",
      () => "",
    );
    outcome = `${what}: ${method} ${shownPath} answered ${res.status}${message ? ` (${message})` : ""}`;
    $("outcome").className = res.ok ? "outcome ok" : "outcome failed";
  } catch (err) {
    outcome = `${what}: ${method} ${shownPath} failed (${err.message})`;
    $("outcome").className = "outcome failed";
  }
  $("outcome").textContent = outcome;
  await poll();
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

function replace(id, ...children) {
  $(id).replaceChildren(...children.flat().filter(Boolean));
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
  fillWebhookForm();
  if (focused) {
    const again = document.querySelector(`[data-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }
}

/** The re-register form starts from the current registration; the user's edits are kept. */
function fillWebhookForm() {
  const select = $("webhook-account");
  if (select.options.length !== state.accounts.length) {
    select.replaceChildren(
      ...state.accounts.map((_, i) => h("option", { value: String(i) }, `API key ${i + 1}`)),
    );
  }
  const form = $("webhook-form");
  if (form.dataset.touched) return;
  const hook = state.accounts[Number(select.value) || 0].webhook;
  $("webhook-url").value = hook ? hook.url : state.receiverUrl;
  replace(
    "webhook-types",
    state.webhookTypes.map((type) =>
      h(
        "label",
        {},
        h("input", { type: "checkbox", value: type, checked: !hook || hook.types.includes(type) }),
        ` ${type}`,
      ),
    ),
  );
}

function openDrift(permalink) {
  driftTarget = permalink;
  driftOpener = `drift:${permalink.id}`;
  $("drift-name").value = permalink.name;
  replace(
    "drift-options",
    Object.entries(permalink.options)
      .filter(([, value]) => typeof value === "boolean")
      .map(([name, value]) =>
        h("label", {}, h("input", { type: "checkbox", name, checked: value }), ` ${name}`),
      ),
  );
  $("drift").showModal();
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

function wire() {
  $("reset").addEventListener("click", () => {
    if (confirm("Reset the emulator? Every room, meeting, webhook, log entry and fault is dropped.")) {
      act("Reset", "POST", "/__emulator/reset");
    }
  });
  $("fault-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const rule = {
      path: $("fault-path").value,
      status: Number($("fault-status").value),
      times: Number($("fault-times").value),
    };
    if ($("fault-method").value) rule.method = $("fault-method").value;
    act("Fault injected", "POST", "/__emulator/faults", { body: rule });
  });
  $("fault-lose").addEventListener("click", () =>
    act("The next answer will be lost", "POST", "/__emulator/faults", { body: { lose: true } }),
  );
  $("fault-clear").addEventListener("click", () => act("Faults cleared", "DELETE", "/__emulator/faults"));
  const touch = () => ($("webhook-form").dataset.touched = "1");
  $("webhook-form").addEventListener("input", touch);
  $("webhook-account").addEventListener("change", () => {
    delete $("webhook-form").dataset.touched;
    fillWebhookForm();
  });
  $("webhook-receiver").addEventListener("click", () => {
    touch();
    $("webhook-url").value = state ? state.receiverUrl : "";
  });
  $("webhook-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const account = state.accounts[Number($("webhook-account").value) || 0];
    const types = [...$("webhook-types").querySelectorAll("input:checked")].map((i) => i.value);
    delete $("webhook-form").dataset.touched;
    act("Webhook re-registered", "POST", "/webhooks", {
      apiKey: account.apiKey,
      body: { url: $("webhook-url").value, types: types.join(",") },
    });
  });
  $("drift-cancel").addEventListener("click", () => $("drift").close());
  // The button that opened the dialog may have been redrawn meanwhile: focus its successor.
  $("drift").addEventListener("close", () => document.querySelector(`[data-key="${driftOpener}"]`)?.focus());
  $("drift-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const permalink = driftTarget;
    const changes = {};
    const name = $("drift-name").value;
    if (name !== permalink.name) changes.name = name;
    const options = {};
    for (const input of $("drift-options").querySelectorAll("input")) {
      if (input.checked !== permalink.options[input.name]) options[input.name] = input.checked;
    }
    if (Object.keys(options).length > 0) changes.options = options;
    $("drift").close();
    act(`Edited ${permalink.name} outside Pulumi`, "PATCH", `/__emulator/permalinks/${permalink.id}`, {
      body: changes,
    });
  });
}

wire();
poll();
setInterval(poll, POLL_MS);
