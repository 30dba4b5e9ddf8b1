// The agency page, opened from an emailed link (#token=…): the report and what the link allows;
// with &draft=…, the desk's answer that came by mail, to read and publish.
import { NOTE_FIELD, actionForm, api, dueLine, el, extensionTierOptions, failureMessage, fragmentParams, renderReport, setupPage, t } from "./common.js";

const token = fragmentParams().get("token") || "";
const draftId = fragmentParams().get("draft");
const headers = { "X-Agency-Token": token };
const out = document.getElementById("agency-view");
const alertBox = document.getElementById("agency-alert");

const INTERNAL = { name: "internal_note", label: "act.internal_note", long: true };
let unitsByAgency = {};
const agencyForms = (view) => ({
  follow_up: [NOTE_FIELD, INTERNAL, { name: "attachments", label: "f.files", type: "file", headers }],
  // The agency's own work units, from the reference data: no made-up unit can be typed.
  forward: [{ name: "unit", label: "act.unit",
    options: [["", t("act.unit.choose")], ...(unitsByAgency[view.agency?.key] || []).map((u) => [u.key, u.label])] }, INTERNAL],
  unit_reply: [INTERNAL],
  hold: [NOTE_FIELD],
  not_our_authority: [NOTE_FIELD, INTERNAL],
  request_extension: [
    { name: "tier", label: "act.tier", options: extensionTierOptions() },
    NOTE_FIELD,
  ],
});

function linkedReport() {
  // The link's payload is readable (it is signed, not secret): it names the report, if one.
  try {
    const body = token.split(".")[2].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(body)).r;
  } catch { return undefined; }
}

function fail(result) {
  alertBox.textContent = failureMessage(result, "agency.badlink");
  alertBox.classList.remove("hidden");
}

// The unit's link, where the forward was made, with a button to copy it.
function unitLinkCard(link) {
  const copy = el("button", { type: "button", class: "secondary", text: t("agency.copy") });
  const copied = el("span", { role: "status", class: "meta" });
  copy.addEventListener("click", async () => {
    await navigator.clipboard?.writeText(link).catch(() => {});
    copied.textContent = ` ${t("agency.copied")}`;
  });
  return el("section", { class: "card ok", id: "unit-link" }, el("p", { text: t("agency.unitlink") }),
    el("p", { class: "break" }, el("a", { href: link, text: link })), copy, copied);
}

// The draft made from the desk's reply by mail: nothing is published until the desk says so.
async function draftCard(trackingId) {
  const path = `/api/reports/${encodeURIComponent(trackingId)}/drafts/${encodeURIComponent(draftId)}`;
  const result = await api(path, { headers });
  if (!result.ok) return el("p", { class: "error", role: "alert", text: failureMessage(result, "agency.badlink") });
  const draft = result.data.draft;
  const card = el("section", { class: "card", id: "draft" },
    el("h2", { text: t("draft.heading") }),
    el("p", { class: "meta", text: t("draft.from", { sender: draft.sender }) }),
    el("p", { class: "pre", text: draft.text }));
  if (draft.attachments.length) card.append(el("p", { class: "meta", text: `${t("draft.files")}: ${draft.attachments.join(", ")}` }));
  if (draft.published) {
    card.append(el("p", { class: "ok", role: "status", text: t("draft.published") }));
    return card;
  }
  const publish = el("button", { type: "button", text: t("draft.publish") });
  const problem = el("p", { class: "error", role: "alert" });
  publish.addEventListener("click", async () => {
    publish.disabled = true;
    const sent = await api(`${path}/publish`, { method: "POST", headers });
    publish.disabled = false;
    if (sent.ok) return showReport(trackingId, sent.data);
    problem.textContent = failureMessage(sent, "agency.badlink");
    return undefined;
  });
  card.append(el("p", { text: t("draft.explain") }), publish, problem);
  return card;
}

async function showReport(trackingId, done) {
  const result = await api(`/api/reports/${encodeURIComponent(trackingId)}`, { headers });
  if (!result.ok) return fail(result);
  const view = result.data;
  out.replaceChildren(renderReport(view));
  if (draftId) out.prepend(await draftCard(trackingId));
  if (done) {  // what the last action did, above the report as it now is
    out.prepend(el("p", { class: "ok", role: "status", text: t("act.done", { status: done.report.status_label }) }));
    if (done.unit_link) out.prepend(unitLinkCard(done.unit_link));
    out.firstChild.scrollIntoView?.();
  }
  if (!Object.keys(unitsByAgency).length) {
    const listed = await api("/api/agencies");
    unitsByAgency = Object.fromEntries((listed.data?.agencies || []).map((a) => [a.key, a.units || []]));
  }
  const forms = agencyForms(view);
  const actions = (view.allowed_actions || []).filter((action) => forms[action]);
  // A desk link reads every report of the desk but acts on none: it says where acting starts.
  const deskLink = linkedReport() === null;
  if (!actions.length) out.append(el("p", { class: "card", text: t(deskLink ? "agency.readonly" : "agency.none") }));
  for (const action of actions) {
    out.append(actionForm(action, forms[action], async (values) => {
      const sent = await api(`/api/reports/${encodeURIComponent(trackingId)}/actions`,
        { method: "POST", body: { action, ...values }, headers });
      // After an action the page shows the report as it now is, and only what is now allowed.
      if (sent.ok) await showReport(trackingId, sent.data);
      return sent;
    }));
  }
  return undefined;
}

async function showInbox() {
  const result = await api("/api/agency/inbox", { headers });
  if (!result.ok) return fail(result);
  const list = el("ul", { class: "list" });
  for (const report of result.data.reports) {
    const open = el("button", { type: "button", class: "secondary", text: `${report.tracking_id} · ${report.title}` });
    open.addEventListener("click", () => showReport(report.tracking_id));
    list.append(el("li", {}, open, el("br"), dueLine(report)));
  }
  out.replaceChildren(el("section", { class: "card" }, el("h2", { text: t("agency.inbox") }), list));
  return undefined;
}

function start() {
  alertBox.classList.add("hidden");
  unitsByAgency = {};  // labels in the language now chosen
  const trackingId = linkedReport();
  if (!token || trackingId === undefined) return fail({});
  return trackingId ? showReport(trackingId) : showInbox();
}

setupPage(start);
start();
