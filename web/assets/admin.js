// The national admins' desk: sign in (Cognito), the queues, verify and route, archive, privacy.
import { NOTE_FIELD, actionForm, api, archiveReasonOptions, dueLine, el, failureMessage, fragmentParams, lang, renderReport, setupPage, t } from "./common.js";

const SESSION_KEY = "lapor.admin";
const loginForm = document.getElementById("login");
const desk = document.getElementById("desk");
const reportOut = document.getElementById("admin-report");
let agencies = [];
let categories = [];
let openId = null;  // the report on screen, drawn again when the language changes

const bearer = () => ({ Authorization: `Bearer ${sessionStorage.getItem(SESSION_KEY)}` });

// The id token, or the message to show: wrong credentials, or nothing reachable.
async function signIn(username, password) {
  try {
    const config = await (await fetch("/config.json")).json();
    if (config.loginUrl) {  // the dev runner's embedded user pool
      const result = await api(config.loginUrl, { method: "POST", body: { username, password } });
      if (result.status === 0) return { message: t("err.network") };
      return result.ok ? { token: result.data.id_token } : { message: t("admin.loginfail") };
    }
    const response = await fetch(`https://cognito-idp.${config.cognito.region}.amazonaws.com/`, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
      body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: config.cognito.clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password } }),
    });
    return response.ok ? { token: (await response.json()).AuthenticationResult.IdToken } : { message: t("admin.loginfail") };
  } catch {
    return { message: t("err.network") };
  }
}

function adminForms(view) {
  return {
    // The form starts from what the record says: the agency holding the report, else the one
    // the reporter chose; with neither, the admin must pick one (no silent first choice).
    verify: [{ name: "agency", label: "r.agency", options: [["", t("r.choose")], ...agencies.map((a) => [a.key, a.label])],
      selected: view.agency?.key || view.proposed_agency?.key || "" },
      NOTE_FIELD, { name: "internal_note", label: "act.internal_note", long: true }],
    archive: [{ name: "reason", label: "act.reason", options: archiveReasonOptions() },
      { name: "duplicate_of", label: "act.duplicate_of" }, NOTE_FIELD],
    // Another agency, never the one holding it: the choice starts empty.
    reroute: [{ name: "agency", label: "act.reroute.to", options: [["", t("r.choose")],
      ...agencies.filter((a) => a.key !== view.agency?.key).map((a) => [a.key, a.label])] },
    { name: "note", label: "act.reroute.reason", long: true }],
    change_category: [{ name: "category", label: "r.category", options: categories.map((c) => [c.key, c.label]),
      selected: view.category?.key }, { name: "note", label: "act.reroute.reason", long: true }],
    send_link: [],
    // Admins may only switch a protection on (DESIGN.md §2): one already on is shown locked.
    set_privacy: [
      { name: "anonymous", label: "r.anonymous", type: "checkbox", checked: view.anonymous, lockedOn: true, hint: "privacy.locked" },
      { name: "confidential", label: "r.confidential", type: "checkbox", checked: view.confidential, lockedOn: true, hint: "privacy.locked" },
      { name: "note", label: "act.privacy_reason", long: true },
    ],
  };
}

async function openReport(trackingId, { scroll = true } = {}) {
  openId = trackingId;
  const result = await api(`/api/reports/${encodeURIComponent(trackingId)}`, { headers: bearer() });
  if (!result.ok) {
    reportOut.replaceChildren(el("p", { class: "alert", role: "alert", text: failureMessage(result, "err.check") }));
    return;
  }
  const view = result.data;
  reportOut.replaceChildren(renderReport(view));
  const forms = adminForms(view);
  for (const action of view.allowed_actions.filter((a) => forms[a])) {
    reportOut.append(actionForm(action, forms[action], async (values) => {
      const sent = await api(`/api/reports/${encodeURIComponent(trackingId)}/actions`,
        { method: "POST", body: { action, ...values }, headers: bearer() });
      if (sent.ok) { showDesk(); setTimeout(() => openReport(trackingId), 800); }
      return sent;
    }));
  }
  if (scroll) reportOut.scrollIntoView();
}

// The desk's filters: an agency's inbox instead of the verification queue, and category and
// escalation level over every list shown (each list is already bounded by its own Query).
const filters = { agency: "", category: "", level: "" };

function filterForm() {
  const select = (name, labelKey, options) => {
    const input = el("select", { id: `filter-${name}`, name });
    for (const [value, label] of options) input.append(el("option", { value, text: label }));
    input.value = filters[name];
    input.addEventListener("change", () => { filters[name] = input.value; showDesk(); });
    return el("div", {}, el("label", { for: `filter-${name}`, text: t(labelKey) }), input);
  };
  return el("form", { class: "card row", id: "desk-filters" },
    select("agency", "admin.filter.agency", [["", t("admin.filter.national")], ...agencies.map((a) => [a.key, a.label])]),
    select("category", "r.category", [["", t("feed.all")], ...categories.map((c) => [c.key, c.label])]),
    select("level", "admin.filter.level", [["", t("feed.all")], ["1", "≥ 1"], ["2", "≥ 2"], ["3", "3"]]));
}

const shown = (report) => (!filters.category || report.category?.key === filters.category)
  && (!filters.level || report.escalation_level >= Number(filters.level));

function queue(titleKey, reports, params = {}) {
  reports = reports.filter(shown);
  const list = el("ul", { class: "list" });
  if (!reports.length) list.append(el("li", { class: "meta", text: t("admin.empty") }));
  for (const report of reports) {
    const open = el("button", { type: "button", class: "secondary", text: `${t("admin.open")} ${report.tracking_id}` });
    open.addEventListener("click", () => openReport(report.tracking_id));
    const returned = report.returned_by ? el("span", { class: "meta", text: ` · ${t("admin.returned")} ${report.returned_by}` }) : null;
    list.append(el("li", {}, el("strong", { text: report.title }), el("br"), dueLine(report), returned, el("br"), open));
  }
  return el("section", { class: "card" }, el("h2", { text: t(titleKey, params) }), list);
}

// Agencies and categories, fetched once per language (not again after every action).
let referenceLanguage = null;
async function loadReference() {
  if (referenceLanguage === lang) return;
  const [listed, kinds] = await Promise.all([api("/api/agencies"), api("/api/categories")]);
  agencies = listed.data?.agencies || [];
  categories = kinds.data?.categories || [];
  referenceLanguage = listed.ok && kinds.ok ? lang : null;
}

async function showDesk() {
  const first = filters.agency
    ? `/api/agency/inbox?agency=${encodeURIComponent(filters.agency)}` : "/api/admin/queue";
  const [waiting, level2, level3] = await Promise.all([
    api(first, { headers: bearer() }),
    api("/api/admin/escalations?level=2", { headers: bearer() }),
    api("/api/admin/escalations?level=3", { headers: bearer() }),
    loadReference(),
  ]);
  if (waiting.status === 401) return signOut(t("admin.expired"));
  if (waiting.status === 0) {
    reportOut.replaceChildren(el("p", { class: "alert", role: "alert", text: t("err.network") }));
    return undefined;
  }
  loginForm.classList.add("hidden");
  document.getElementById("signed-in").classList.remove("hidden");
  desk.classList.remove("hidden");
  const agencyLabel = agencies.find((a) => a.key === filters.agency)?.label;
  const firstList = filters.agency
    ? queue("admin.inbox", waiting.data?.reports || [], { agency: agencyLabel })
    : queue("admin.queue", waiting.data?.reports || []);
  desk.replaceChildren(filterForm(), firstList,
    queue("admin.level2", level2.data?.reports || []), queue("admin.level3", level3.data?.reports || []));
  // A mail's link (#id=…) opens its report, once signed in.
  const linked = fragmentParams().get("id");
  if (linked && !reportOut.children.length) openReport(linked);
  return undefined;
}

function signOut(message) {
  sessionStorage.removeItem(SESSION_KEY);
  const alertBox = document.getElementById("login-alert");
  alertBox.textContent = typeof message === "string" ? message : "";
  alertBox.classList.toggle("hidden", typeof message !== "string");
  desk.classList.add("hidden");
  reportOut.replaceChildren();
  openId = null;
  document.getElementById("signed-in").classList.add("hidden");
  loginForm.classList.remove("hidden");
}

loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const alertBox = document.getElementById("login-alert");
  const { token, message } = await signIn(loginForm.elements.namedItem("username").value, loginForm.elements.namedItem("password").value);
  if (!token) {
    alertBox.textContent = message;
    alertBox.classList.remove("hidden");
    return;
  }
  alertBox.classList.add("hidden");
  sessionStorage.setItem(SESSION_KEY, token);
  showDesk();
});
document.getElementById("logout").addEventListener("click", signOut);
document.getElementById("find").addEventListener("submit", (event) => {
  event.preventDefault();
  const wanted = document.getElementById("find-id").value.trim();
  if (wanted) openReport(wanted);
});
setupPage(() => {
  if (!sessionStorage.getItem(SESSION_KEY)) return;
  showDesk();
  if (openId) openReport(openId, { scroll: false });
});
if (sessionStorage.getItem(SESSION_KEY)) showDesk();
