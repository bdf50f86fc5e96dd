// The dashboard's small DOM helpers, shared by the live view (app.js) and the controls (controls.js).

/** The page's element with this id. */
export const $ = (id) => document.getElementById(id);

/** An element with attributes (`on*` functions become listeners) and children (strings become text). */
export function h(tag, attrs, ...children) {
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

/** A time of day, or a date and time, in the browser's locale ("" for none). */
export const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "");
export const dateTime = (iso) => (iso ? new Date(iso).toLocaleString() : "");

/** A button; `key` finds it again after a redraw, so that it keeps the focus. */
export function button(label, key, onclick, extra) {
  return h("button", { type: "button", "data-key": key, onclick, ...extra }, label);
}

/** Replaces the children of the element with this id. */
export function replace(id, ...children) {
  $(id).replaceChildren(...children.flat().filter(Boolean));
}
