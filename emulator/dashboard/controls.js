// The dashboard's controls, apart from the buttons on the room cards: the status line of every call, the
// reset button, the fault and webhook forms, and the dialog that edits a room as the eyeson dashboard would.
// Each is one call of the public API or of a /__emulator/ control, the same call a user would make with curl.
import { $, h, replace } from "./dom.js";

/** The live view: `state()` is the state last polled, `refresh()` polls again. Set by `wireControls`. */
let page = { state: () => null, refresh: async () => undefined };
let driftTarget = null;
let driftOpener = null;

/** Runs one call and says what came of it in the status line; the next poll shows the effect. */
export async function act(what, method, path, options) {
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
  await page.refresh();
}

/** The re-register form starts from the current registration; the user's edits are kept. */
export function fillWebhookForm(state) {
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

/** Opens the dialog that edits a room behind Pulumi's back, as the eyeson dashboard would. */
export function openDrift(permalink) {
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

/**
 * Wires the header's reset button, the fault and webhook forms and the drift dialog to the live view:
 * `view.state()` is the state last polled, `view.refresh()` polls again (after each call).
 */
export function wireControls(view) {
  page = view;
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
    fillWebhookForm(page.state());
  });
  $("webhook-receiver").addEventListener("click", () => {
    touch();
    const state = page.state();
    $("webhook-url").value = state ? state.receiverUrl : "";
  });
  $("webhook-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const account = page.state().accounts[Number($("webhook-account").value) || 0];
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
