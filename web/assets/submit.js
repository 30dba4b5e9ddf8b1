// The submit page: a report, its attachments straight to S3, a draft that survives reloads.
import { api, el, lang, localTime, setupPage, showFieldErrors, t, uploadFile } from "./common.js";

const DRAFT_KEY = "lapor.draft";
const MAX_FILES = 5;
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const form = document.getElementById("report-form");
const alertBox = document.getElementById("form-alert");
// By name through form.elements: "form.title" would be the form's own title attribute.
const field = (name) => form.elements.namedItem(name);
let categories = [];
let agencies = [];

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function readDraft() {
  try { return JSON.parse(localStorage.getItem(DRAFT_KEY)) || {}; } catch { return {}; }
}

function saveDraft() {
  const draft = { key: readDraft().key || newKey(), values: {} };
  for (const input of form.querySelectorAll("input[name], textarea[name], select[name]")) {
    if (input.type === "file") continue;
    if (input.type === "radio") { if (input.checked) draft.values[input.name] = input.value; }
    else if (input.type === "checkbox") draft.values[input.name] = input.checked;
    else draft.values[input.name] = input.value;
  }
  localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
}

function restoreDraft() {
  const { values = {} } = readDraft();
  for (const [name, value] of Object.entries(values)) {
    for (const input of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (input.type === "radio") input.checked = input.value === value;
      else if (input.type === "checkbox") input.checked = Boolean(value);
      else input.value = value;
    }
  }
}

function fillSelects() {
  const chosen = { category: field("category").value || readDraft().values?.category, agency: field("agency").value || readDraft().values?.agency };
  field("category").replaceChildren(el("option", { value: "", text: t("f.choose") }),
    ...categories.map((c) => el("option", { value: c.key, text: c.labels[lang] })));
  field("agency").replaceChildren(el("option", { value: "", text: t("f.agency.none") }),
    ...agencies.map((a) => el("option", { value: a.key, text: a.labels[lang] })));
  field("category").value = chosen.category || "";
  field("agency").value = chosen.agency || "";
}

function counters() {
  for (const [id, max] of [["title", 150], ["description", 5000]]) {
    document.getElementById(`${id}-count`).textContent = `${field(id).value.length} / ${max} ${t("chars")}`;
  }
}

function clientProblems(values, files) {
  const problems = {};
  const title = values.title.trim();
  if (!title) problems.title = t("err.required");
  const description = values.description.trim();
  if (description.length < 20) problems.description = t("err.min", { n: 20 });
  if (!values.category) problems.category = t("err.required");
  const reporter = values.reporter;
  if (!reporter.email && !reporter.phone) problems["reporter.email"] = t("err.contact");
  if (!values.anonymous && !reporter.name) problems["reporter.name"] = t("err.name");
  if (values.incident_date && values.incident_date > new Date().toISOString().slice(0, 10)) {
    problems.incident_date = t("err.future");
  }
  if (files.length > MAX_FILES) problems.attachments = t("err.files");
  for (const file of files) {
    if (!TYPES.includes(file.type)) problems.attachments = t("err.filetype", { name: file.name });
    else if (file.size > MAX_BYTES) problems.attachments = t("err.filesize", { name: file.name });
  }
  return problems;
}

function collect() {
  const optional = (value) => (value.trim() ? value.trim() : null);
  const values = {
    type: form.querySelector("[name=type]:checked").value,
    title: field("title").value,
    description: field("description").value,
    category: field("category").value,
    agency: field("agency").value || null,
    location: optional(field("location").value),
    incident_date: field("incident_date").value || null,
    anonymous: field("anonymous").checked,
    confidential: field("confidential").checked,
    language: lang,
    reporter: {
      name: optional(field("reporter.name").value),
      email: optional(field("reporter.email").value),
      phone: optional(field("reporter.phone").value),
    },
  };
  if (field("latitude").value && field("longitude").value) {
    values.latitude = Number(field("latitude").value);
    values.longitude = Number(field("longitude").value);
  }
  return values;
}

let receipt = null;  // the last receipt shown: its words follow a change of language

function showNext() {
  if (!receipt) return;
  const next = receipt.verification_due_at ? "done.next" : "done.next_fast";
  document.getElementById("done-next").textContent = t(next, { due: localTime(receipt.due_at) });
}

function showDone(result) {
  receipt = result;
  localStorage.removeItem(DRAFT_KEY);
  document.getElementById("form-card").classList.add("hidden");
  const done = document.getElementById("done");
  done.classList.remove("hidden");
  document.getElementById("done-id").textContent = result.tracking_id;
  const link = document.getElementById("done-link");
  link.href = result.tracking_url;
  link.textContent = result.tracking_url;
  showNext();
  done.focus();
}

async function submit(event) {
  event.preventDefault();
  const button = document.getElementById("send");
  if (button.disabled) return;
  saveDraft();
  alertBox.classList.add("hidden");
  const values = collect();
  const files = [...field("attachments").files];
  const problems = clientProblems(values, files);
  showFieldErrors(form, problems);
  if (Object.keys(problems).length) {
    alertBox.textContent = t("err.check");
    alertBox.classList.remove("hidden");
    return;
  }
  button.disabled = true;
  button.textContent = t("f.sending");
  try {
    values.attachments = [];
    for (const file of files) values.attachments.push(await uploadFile(file));
    const sent = await api("/api/reports", { method: "POST", body: values, headers: { "Idempotency-Key": readDraft().key } });
    if (sent.status === 201) {
      showDone(sent.data);
      return;
    }
    showFieldErrors(form, sent.data?.error?.fields || {});
    alertBox.textContent = sent.data?.error?.message || t("err.offline");
    alertBox.classList.remove("hidden");
  } catch (error) {
    if (error.fields) showFieldErrors(form, error.fields);
    alertBox.textContent = error.fields ? t("err.check") : t("err.offline");
    alertBox.classList.remove("hidden");
  } finally {
    button.disabled = false;
    button.textContent = t("f.send");
  }
}

async function load() {
  const [c, a] = await Promise.all([api("/api/categories"), api("/api/agencies")]);
  categories = c.data?.categories || [];
  agencies = a.data?.agencies || [];
  fillSelects();
  restoreDraft();
  counters();
}

setupPage(() => { fillSelects(); counters(); showLocation(); showNext(); });
form.addEventListener("input", () => { saveDraft(); counters(); });
form.addEventListener("submit", submit);
document.getElementById("copy").addEventListener("click", async () => {
  await navigator.clipboard?.writeText(document.getElementById("done-id").textContent);
  document.getElementById("copy-status").textContent = t("done.copied");
});
// Indonesia's bounds, as the API checks them: coordinates outside are never kept.
const inIndonesia = (lat, lon) => lat >= -11.5 && lat <= 6.5 && lon >= 94 && lon <= 141.5;

// The location line says what the form holds: the coordinates (with a way to clear them),
// or why there are none.
function showLocation(messageKey) {
  const [lat, lon] = [field("latitude").value, field("longitude").value];
  const status = document.getElementById("geo-status");
  const held = Boolean(lat && lon);
  status.textContent = held ? t("f.geo.done", { lat, lon }) : (messageKey ? t(messageKey) : "");
  document.getElementById("geo-clear").classList.toggle("hidden", !held);
}

function setLocation(lat, lon) {
  field("latitude").value = lat;
  field("longitude").value = lon;
  saveDraft();
}

document.getElementById("geo").addEventListener("click", () => {
  if (!navigator.geolocation) { showLocation("f.geo.fail"); return; }
  navigator.geolocation.getCurrentPosition((position) => {
    const { latitude, longitude } = position.coords;
    if (!inIndonesia(latitude, longitude)) { setLocation("", ""); showLocation("f.geo.outside"); return; }
    setLocation(latitude.toFixed(5), longitude.toFixed(5));
    showLocation();
  }, () => showLocation("f.geo.fail"));
});
document.getElementById("geo-clear").addEventListener("click", () => {
  setLocation("", "");
  showLocation("f.geo.cleared");
});
restoreDraft();
// A draft from before may hold coordinates the API would refuse: they are dropped, and said so.
if (field("latitude").value && !inIndonesia(Number(field("latitude").value), Number(field("longitude").value))) {
  setLocation("", "");
  showLocation("f.geo.outside");
} else {
  showLocation();
}
load();
