// The track page: the public view by tracking id, or the reporter's own through the private link.
import { actionForm, api, el, failureMessage, fragmentParams, localTime, renderReport, setupPage, t } from "./common.js";

let trackingId;
let token;
function readAddress() {
  const params = fragmentParams();
  trackingId = params.get("id");
  token = params.get("token");
}
readAddress();
const out = document.getElementById("report");
const alertBox = document.getElementById("track-alert");

const citizenForms = (view) => ({
  // The reporter's own switches, both ways: only they may lift them.
  set_privacy: [
    { name: "anonymous", label: "r.anonymous", type: "checkbox", checked: view.anonymous, hint: "f.anonymous.hint" },
    { name: "confidential", label: "r.confidential", type: "checkbox", checked: view.confidential, hint: "f.confidential.hint" },
  ],
  // No answer is chosen for the reporter: the form starts empty, and a rating says its words.
  respond: [
    { name: "satisfied", label: "track.respond", options: [["", t("track.choose")], ["true", t("track.satisfied")], ["false", t("track.unsatisfied")]], cast: (v) => v === "true" },
    { name: "note", label: "track.comment", long: true },
  ],
  rate: [
    { name: "rating", label: "track.rating",
      options: [["", t("track.choose")], ...[5, 4, 3, 2, 1].map((n) => [String(n), `${n} — ${t(`rating.${n}`)}`])], cast: Number },
    { name: "note", label: "track.comment", long: true },
  ],
  provide_info: [{ name: "note", label: "track.answer", long: true }],
  add_note: [{ name: "internal_note", label: "track.add_note", long: true }],
});

// The report's way in four steps: each done (when), current (due when), or still to come.
const STEPS = [
  ["step.received", ["submit"]],
  ["step.routed", ["verify", "reroute"]],
  ["step.followed", ["follow_up"]],
  ["step.completed", ["respond", "auto_close", "archive"]],
];

function steps(view) {
  const timeline = view.timeline || [];
  const doneAt = STEPS.map(([, actions]) => {
    const event = [...timeline].reverse().find((e) => actions.includes(e.action)
      && (e.action !== "respond" || e.status === "completed"));
    return event ? event.at : null;
  });
  const finished = view.status === "completed" || view.status === "archived";
  const current = finished ? STEPS.length : doneAt.findLastIndex((at) => at !== null) + 1;
  const list = el("ol", { class: "steps" });
  STEPS.forEach(([key], index) => {
    let state = "todo";
    let when = "";
    if (index < current && doneAt[index]) { state = "done"; when = t("step.doneat", { at: localTime(doneAt[index]) }); }
    else if (index < current) state = "done";
    else if (index === current && view.stage_due_at) { state = "now"; when = t("step.dueat", { at: localTime(view.stage_due_at) }); }
    else if (index === current) state = "now";
    list.append(el("li", { class: `step-${state}`, "aria-current": state === "now" ? "step" : null },
      el("strong", { text: t(key) }), when ? el("span", { class: "meta", text: ` · ${when}` }) : null));
  });
  return el("section", { class: "card", "aria-label": t("step.title") }, el("h2", { text: t("step.title") }), list);
}

async function show() {
  alertBox.classList.add("hidden");
  out.replaceChildren();
  if (!trackingId) return;
  const headers = token ? { "X-Access-Token": token } : {};
  const result = await api(`/api/reports/${encodeURIComponent(trackingId)}`, { headers });
  if (!result.ok) {
    const wrongLink = token && [403, 404].includes(result.status);
    alertBox.textContent = wrongLink ? t("track.badlink") : failureMessage(result, "track.notfound");
    alertBox.classList.remove("hidden");
    return;
  }
  const view = result.data;
  if (token && view.view !== "reporter") {  // a private link that is not this report's
    alertBox.textContent = t("track.badtoken");
    alertBox.classList.remove("hidden");
  }
  out.append(steps(view), renderReport(view));
  const forms = citizenForms(view);
  for (const action of view.allowed_actions || []) {
    if (!forms[action]) continue;
    out.append(actionForm(action, forms[action], async (values) => {
      const sent = await api(`/api/reports/${encodeURIComponent(trackingId)}/actions`,
        { method: "POST", body: { action, ...values }, headers });
      if (sent.ok) setTimeout(show, 800);
      return sent;
    }));
  }
}

document.getElementById("lookup").addEventListener("submit", (event) => {
  event.preventDefault();
  trackingId = document.getElementById("tracking-id").value.trim();
  token = null;
  if (!trackingId) {
    out.replaceChildren();
    alertBox.textContent = t("track.enterid");
    alertBox.classList.remove("hidden");
    return;
  }
  history.replaceState(null, "", `#id=${encodeURIComponent(trackingId)}`);
  show();
});
// A link opened while the page is open (or an edited address) is followed.
window.addEventListener("hashchange", () => {
  readAddress();
  document.getElementById("tracking-id").value = trackingId || "";
  show();
});
setupPage(show);
if (trackingId) document.getElementById("tracking-id").value = trackingId;
show();
