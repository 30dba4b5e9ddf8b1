// What every page shares: language, text, API calls, small DOM helpers.
import { TEXT } from "./i18n.js";

const LANG_KEY = "lapor.lang";
export let lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "id";

export function t(key, params = {}) {
  const text = TEXT[lang][key] ?? TEXT.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ""));
}

export function applyText(root = document) {
  document.documentElement.lang = lang;
  const title = document.querySelector("title[data-i18n]");
  if (title) document.title = `${t(title.dataset.i18n)} — Lapor`;
  root.querySelectorAll("body [data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
}

function buildHeader() {
  const top = document.getElementById("top");
  if (!top) return;
  const bar = el("div", { class: "bar" }, el("a", { class: "brand", href: "/", text: "Lapor" }));
  const nav = el("nav", { "aria-label": "Menu" });
  // Each label in two lengths: the short one keeps the bar on one row on a phone.
  const label = (key) => [el("span", { class: "long", "data-i18n": key }), el("span", { class: "short", "data-i18n": `${key}.short` })];
  for (const [href, key] of [["/", "nav.submit"], ["/track.html", "nav.track"], ["/reports.html", "nav.feed"]]) {
    nav.append(el("a", { href }, ...label(key)));
  }
  bar.append(nav, el("button", { type: "button", id: "lang", class: "secondary" }, ...label("nav.lang")));
  top.append(bar);
}

export function setupPage(onLanguage) {
  buildHeader();
  applyText();
  const toggle = document.getElementById("lang");
  if (toggle) {
    toggle.addEventListener("click", () => {
      lang = lang === "id" ? "en" : "id";
      localStorage.setItem(LANG_KEY, lang);
      applyText();
      if (onLanguage) onLanguage();
    });
  }
}

export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const init = { method, headers: { "Accept-Language": lang, ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, data: null };  // the network or the server is down
  }
  let data = null;
  try { data = await response.json(); } catch { data = null; }
  return { ok: response.ok, status: response.status, data };
}

// What to tell the user when a call failed: the API's own words, else whether it was
// unreachable, else the page's own message.
export function failureMessage(result, fallbackKey) {
  return result.data?.error?.message || t(result.status === 0 ? "err.network" : fallbackKey);
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "text") node.textContent = value;
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const ZONES = { "+07:00": "WIB", "+08:00": "WITA", "+09:00": "WIT" };

// "Jumat, 4 Desember 2026 23.59 WIB": the deadline in the desk's own zone, as the API gives it.
// Instants without an Indonesian offset (UTC timestamps) are shown in WIB.
export function localTime(iso) {
  if (!iso) return "–";
  const offset = ZONES[iso.slice(-6)] ? iso.slice(-6) : "+07:00";
  const zone = { "+07:00": "Asia/Jakarta", "+08:00": "Asia/Makassar", "+09:00": "Asia/Jayapura" }[offset];
  const text = new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB",
    { dateStyle: "full", timeStyle: "short", timeZone: zone }).format(new Date(iso));
  return `${text} ${ZONES[offset]}`;
}

// "Senin, 30 November 2026": a calendar date (no time, no zone), as the reporter gave it.
function localDate(isoDate) {
  return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { dateStyle: "full", timeZone: "UTC" })
    .format(new Date(`${isoDate}T00:00:00Z`));
}

// A status as a pill whose colour follows the status (the text says it too).
export function statusPill(status, label) {
  return el("span", { class: `status status-${status}`, text: label });
}

const overdueBadge = () => el("span", { class: "badge overdue", text: t("due.overdue") });

// A list entry's deadline in words, marked when the server says it has passed (the server's
// clock, which the dev runner may have moved), with its escalation level.
export function dueLine(entry) {
  const line = el("span", { class: "meta" }, statusPill(entry.status, entry.status_label));
  if (entry.stage_due_at) line.append(` ${t("track.due")}: ${localTime(entry.stage_due_at)}`);
  if (entry.overdue) {
    line.append(" ", overdueBadge());
  }
  if (entry.escalation_level >= 2) {
    line.append(" ", el("span", { class: "badge", text: t("due.level", { level: entry.escalation_level }) }));
  }
  return line;
}

function fact(key, value) {
  return value ? el("p", {}, el("strong", { text: `${t(key)}: ` }), value) : null;
}

// One report as the API showed it to this caller (public, reporter, agency or admin view).
// A report's public tracking page.
export const trackHref = (trackingId) => `/track.html#id=${encodeURIComponent(trackingId)}`;

export function renderReport(view) {
  const card = el("section", { class: "card", "aria-labelledby": "report-title" });
  const parts = [
    el("p", { class: "meta", text: `${view.tracking_id} · ${view.type_label}` }),
    el("h2", { id: "report-title", text: view.title }),
    el("p", {}, statusPill(view.status, view.status_label)),
    el("p", { class: "status-sentence", text: t(`status.explain.${view.status}`, { agency: view.agency?.label || "" }) }),
    fact("track.due", view.stage_due_at ? localTime(view.stage_due_at) : null),
    view.overdue ? el("p", {}, overdueBadge()) : null,
    view.escalation_level ? el("p", { class: view.escalation_level >= 3 ? "alert" : "notice", text: t(`escalated.${Math.min(view.escalation_level, 3)}`) }) : null,
    view.on_hold ? el("p", { class: "notice", text: t("r.onhold") }) : null,
    fact("r.category", view.category?.label),
    fact("r.agency", view.agency?.label),
    fact("r.proposed", view.proposed_agency?.label),
    fact("r.incident", view.incident_date ? localDate(view.incident_date) : null),
    fact("r.location", view.location),
    view.latitude != null ? fact("r.coordinates", el("a", {
      href: `https://www.openstreetmap.org/?mlat=${view.latitude}&mlon=${view.longitude}#map=17/${view.latitude}/${view.longitude}`,
      rel: "noopener", text: `${view.latitude}, ${view.longitude}` })) : null,
    view.rating ? fact("track.rating", `${view.rating}/5 — ${t(`rating.${view.rating}`)}`) : null,
    fact("r.created", localTime(view.created_at)),
    view.anonymous ? el("p", { class: "meta", text: t("r.anonymous") }) : null,
    view.confidential ? el("p", { class: "meta", text: t("r.confidential") }) : null,
    el("p", { text: view.description }),
  ];
  card.append(...parts.filter(Boolean));
  if (view.reporter) {
    const who = [view.reporter.name, view.reporter.email, view.reporter.phone].filter(Boolean).join(" · ");
    card.append(fact("agency.reporter", who));
  } else if (view.view === "agency" && view.anonymous) {
    card.append(el("p", { class: "notice", text: t("agency.anonymous") }));
  }
  if (view.undelivered?.length) {  // admins: messages a reporter could not be sent
    card.append(el("p", { class: "notice", text: t("r.undelivered", { count: view.undelivered.length }) }));
  }
  if (view.channel && view.channel !== "web") {  // admins: mailed or filed by an app, and checks
    card.append(fact("r.channel", t(`r.channel.${view.channel}`)));
    if (view.intake_flags?.length) {
      card.append(el("p", { class: "notice", id: "intake-flags",
        text: t("r.intake_flags", { flags: view.intake_flags.map((f) => t(`flag.${f}`)).join(", ") }) }));
    }
  }
  if (view.duplicate_of) {  // where the merged report's handling goes on: its tracking page
    card.append(fact("r.duplicate_of", el("a", { id: "duplicate-of", href: trackHref(view.duplicate_of), text: view.duplicate_of })));
  }
  if (view.copies_to?.length) card.append(fact("r.copies", view.copies_to.map((c) => c.label).join(", ")));
  // Each file says who sent it; an image shows itself.
  const files = [...(view.attachments || []).map((f) => [f, "files.reporter"]),
    ...(view.reply_attachments || []).map((f) => [f, "files.agency"])];
  if (files.length) {
    const list = el("ul", { class: "files" });
    for (const [file, sender] of files) {
      const image = /\.(png|jpe?g|webp)$/i.test(file.name);
      const link = el("a", { href: file.url, rel: "noopener" },
        image ? el("img", { src: file.url, alt: file.name, loading: "lazy", width: "120" }) : null, ` ${file.name}`);
      list.append(el("li", {}, link, el("span", { class: "meta", text: ` · ${t(sender)}` })));
    }
    card.append(el("h3", { text: t("track.attachments") }), list);
  }
  const timeline = el("ol", { class: "timeline" });
  for (const step of view.timeline || []) {
    const item = el("li", {}, el("time", { datetime: step.at, text: localTime(step.at) }), el("br"),
      el("strong", { text: step.action_label }), ` — ${step.status_label}`);
    if (step.note) item.append(el("br"), step.note);
    if (step.internal_note) item.append(el("br"), el("em", { text: step.internal_note }));
    timeline.append(item);
  }
  card.append(el("h3", { text: t("track.timeline") }), timeline);
  return card;
}

// The fields the desks' forms share (admin, agency and the practice desk).
export const NOTE_FIELD = { name: "note", label: "act.note", long: true };
export const archiveReasonOptions = () =>
  ["out_of_scope", "duplicate", "incomplete", "spam"].map((r) => [r, t(`reason.${r}`)]);
export const extensionTierOptions = () =>
  ["coordination", "field_inspection"].map((tier) => [tier, t(`tier.${tier}`)]);

// A small form for one action: its fields, a submit button, and where errors go.
export function actionForm(action, fields, onSubmit) {
  const form = el("form", { novalidate: "" });
  for (const spec of fields) {
    const id = `${action}-${spec.name}`;
    if (spec.type === "checkbox") {
      // A switch shows what the record says; a switch the caller may not turn off is locked.
      const box = el("input", { id, name: spec.name, type: "checkbox" });
      box.checked = Boolean(spec.checked);
      box.disabled = Boolean(spec.checked && spec.lockedOn);
      // A locked switch says why; an open one has nothing to explain away.
      const explain = spec.hint && (!spec.lockedOn || box.disabled);
      const hint = explain ? el("span", { class: "meta", text: ` ${t(spec.hint)}` }) : "";
      form.append(el("label", { for: id, class: "check" }, box, ` ${t(spec.label)}`, hint),
        el("p", { class: "error", "data-error-for": spec.name }));
      continue;
    }
    form.append(el("label", { for: id, text: t(spec.label) }));
    let input;
    if (spec.options) {
      input = el("select", { id, name: spec.name });
      for (const [value, label] of spec.options) input.append(el("option", { value, text: label }));
      if (spec.selected !== undefined) input.value = spec.selected;
    } else if (spec.type === "file") {
      input = el("input", { id, name: spec.name, type: "file", multiple: "", accept: "image/jpeg,image/png,image/webp,application/pdf" });
    } else if (spec.long) {
      input = el("textarea", { id, name: spec.name, maxlength: "5000" });
    } else {
      input = el("input", { id, name: spec.name, type: spec.type || "text" });
    }
    form.append(input, el("p", { class: "error", "data-error-for": spec.name }));
  }
  const status = el("p", { role: "status" });
  form.append(el("button", { type: "submit", text: t(`act.${action}`) }), status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    let result;
    try {
      for (const spec of fields) {
        const input = form.elements.namedItem(spec.name);
        if (spec.type === "checkbox") {
          // Only what the user changed is sent: an untouched form changes nothing.
          if (input.checked !== Boolean(spec.checked)) values[spec.name] = input.checked;
          continue;
        }
        if (spec.type === "file") {
          values[spec.name] = [];
          for (const file of input.files) values[spec.name].push(await uploadFile(file, spec.headers));
          continue;
        }
        const raw = input.value.trim();
        if (raw) values[spec.name] = spec.cast ? spec.cast(raw) : raw;
      }
      result = await onSubmit(values);
    } catch (error) {
      result = { ok: false, data: { error: { fields: error.fields || {}, message: t("err.check") } } };
    }
    showFieldErrors(form, result.data?.error?.fields || {});
    status.textContent = result.ok ? t("act.done", { status: result.data.report.status_label })
      : failureMessage(result, "err.check");
  });
  // Folded: a desk sees at a glance what it may do, and opens the one it chooses.
  return el("details", { class: "card" }, el("summary", {}, el("strong", { text: t(`act.${action}`) })), form);
}

export function fragmentParams() {
  return new URLSearchParams(location.hash.replace(/^#/, ""));
}

export function showFieldErrors(form, fields = {}) {
  form.querySelectorAll("[data-error-for]").forEach((node) => { node.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  let first = null;
  for (const [name, message] of Object.entries(fields)) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`)
      || form.querySelector(`[data-error-for="${CSS.escape(name.split(".")[0])}"]`);
    if (slot) slot.textContent = message;
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      first = first || input;
    }
  }
  if (first) first.focus();
}

// One attachment: an upload form from the API, then the file straight to storage. The
// caller's credentials go with the request: only the one who asked may attach the upload.
// A file is what its first bytes say, not what its name says (the server checks again).
const SIGNATURES = {
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  "image/webp": (b) => String.fromCharCode(...b.slice(0, 4)) === "RIFF" && String.fromCharCode(...b.slice(8, 12)) === "WEBP",
  "application/pdf": (b) => String.fromCharCode(...b.slice(0, 5)) === "%PDF-",
};

export async function contentMatchesType(file) {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  return Boolean(SIGNATURES[file.type]?.(head));
}

export async function uploadFile(file, headers = {}) {
  if (!(await contentMatchesType(file))) {
    const error = new Error("content is not its type");
    error.fields = { attachments: t("err.filecontent", { name: file.name }) };
    throw error;
  }
  const made = await api("/api/uploads", { method: "POST", headers, body: { filename: file.name, content_type: file.type, size: file.size } });
  if (!made.ok) {
    const error = new Error("upload refused");
    error.fields = { attachments: Object.values(made.data?.error?.fields || {})[0] || made.data?.error?.message };
    throw error;
  }
  const body = new FormData();
  for (const [name, value] of Object.entries(made.data.fields)) body.append(name, value);
  body.append("file", file);
  const stored = await fetch(made.data.url, { method: "POST", body });
  if (!stored.ok) {
    const error = new Error("upload failed");
    error.fields = { attachments: t("err.filesize", { name: file.name }) };
    throw error;
  }
  return made.data.key;
}
