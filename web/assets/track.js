// The track page: the public view by tracking id, or the reporter's own through the private link.
import { actionForm, api, fragmentParams, renderReport, setupPage, t } from "./common.js";

const params = fragmentParams();
let trackingId = params.get("id");
const token = params.get("token");
const out = document.getElementById("report");
const alertBox = document.getElementById("track-alert");

const citizenForms = (view) => ({
  // The reporter's own switches, both ways: only they may lift them.
  set_privacy: [
    { name: "anonymous", label: "r.anonymous", type: "checkbox", checked: view.anonymous, hint: "f.anonymous.hint" },
    { name: "confidential", label: "r.confidential", type: "checkbox", checked: view.confidential, hint: "f.confidential.hint" },
  ],
  respond: [
    { name: "satisfied", label: "track.respond", options: [["true", t("track.satisfied")], ["false", t("track.unsatisfied")]], cast: (v) => v === "true" },
    { name: "note", label: "track.comment", long: true },
  ],
  rate: [
    { name: "rating", label: "track.rating", options: [["5", "5"], ["4", "4"], ["3", "3"], ["2", "2"], ["1", "1"]], cast: Number },
    { name: "note", label: "track.comment", long: true },
  ],
  provide_info: [{ name: "note", label: "track.answer", long: true }],
});

async function show() {
  alertBox.classList.add("hidden");
  out.replaceChildren();
  if (!trackingId) return;
  const headers = token ? { "X-Access-Token": token } : {};
  const result = await api(`/api/reports/${encodeURIComponent(trackingId)}`, { headers });
  if (!result.ok) {
    alertBox.textContent = result.data?.error?.message || t("track.notfound");
    alertBox.classList.remove("hidden");
    return;
  }
  const view = result.data;
  out.append(renderReport(view));
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
  history.replaceState(null, "", `#id=${encodeURIComponent(trackingId)}`);
  show();
});
setupPage(show);
if (trackingId) document.getElementById("tracking-id").value = trackingId;
show();
