// The track page: the public view by tracking id, or the reporter's own through the private link.
import { actionForm, api, failureMessage, fragmentParams, renderReport, setupPage, t } from "./common.js";

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
});

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
