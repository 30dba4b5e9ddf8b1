// The practice desk (LATIHAN): synthetic reports worked through the real workflow, as the
// national admin and as the agency's desk, on a clock the learner moves. Every screen of it
// says LATIHAN; its mail is shown here, never sent.
import {
  NOTE_FIELD, actionForm, api, archiveReasonOptions, dueLine, el, extensionTierOptions, failureMessage, localTime, t,
} from "./common.js";

const CLOCK_MOVES = [24, 24 * 7];  // a day, a week

function forms(report, agencies) {
  return {
    // No agency is chosen for the learner: routing is what they are scored on.
    verify: [{ name: "agency", label: "r.agency", options: [["", t("r.choose")], ...agencies.map((a) => [a.key, a.label])] }, NOTE_FIELD],
    archive: [{ name: "reason", label: "act.reason", options: [["", t("practice.choose_reason")], ...archiveReasonOptions()] }, NOTE_FIELD],
    follow_up: [NOTE_FIELD],
    hold: [NOTE_FIELD],
    not_our_authority: [NOTE_FIELD],
    request_extension: [
      { name: "tier", label: "act.tier", options: extensionTierOptions() },
      NOTE_FIELD,
    ],
    reroute: [{ name: "agency", label: "act.reroute.to", options: [["", t("r.choose")],
      ...agencies.filter((a) => a.key !== report.agency?.key).map((a) => [a.key, a.label])] }, NOTE_FIELD],
  };
}

const banner = () => el("p", { class: "latihan", role: "note" },
  el("strong", { text: "LATIHAN" }), ` ${t("practice.banner")}`);

function scoreLine(report) {
  const mark = (ok) => (ok ? "✓" : "✗");
  return el("p", { class: "meta" },
    `${t("practice.routing")}: ${mark(report.score.routing)} · ${t("practice.on_time")}: ${mark(report.score.on_time)}`);
}

function reportCard(report, agencies, act) {
  const card = el("section", { class: "card", id: `practice-${report.tracking_id}` },
    el("p", { class: "badge latihan-badge", text: "LATIHAN" }),
    el("h3", { text: `${report.tracking_id} · ${report.title}` }),
    el("p", { text: report.description }),
    el("p", { class: "meta", text: `${t("r.category")}: ${report.category?.label || "–"} · ${t("r.agency")}: ${report.agency?.label || "–"}` }),
    dueLine(report), scoreLine(report));
  if (report.answer) {
    const right = report.answer.agency ? report.answer.agency.label : t(`reason.${report.answer.archive}`);
    card.append(el("p", { class: "notice", text: t("practice.answer", { answer: right }) }));
  }
  const available = forms(report, agencies);
  for (const [role, actions] of Object.entries(report.actions)) {
    for (const action of actions.filter((a) => available[a])) {
      const form = actionForm(action, available[action], (values) => act(report.tracking_id, { action, ...values }));
      form.querySelector("summary").append(el("span", { class: "meta", text: ` (${t(`practice.as.${role}`)})` }));
      card.append(form);
    }
  }
  return card;
}

function mailbox(mails) {
  const card = el("section", { class: "card", id: "practice-mails" },
    el("h3", { text: t("practice.mails") }), el("p", { class: "meta", text: t("practice.mails.help") }));
  const list = el("ul", { class: "list" });
  for (const mail of mails.slice(0, 30)) {
    list.append(el("li", {}, el("strong", { text: mail.subject }),
      el("p", { class: "meta", text: `${mail.to || "–"} · ${localTime(mail.at)}` })));
  }
  card.append(mails.length ? list : el("p", { text: t("practice.mails.none") }));
  return card;
}

// Shows the learner's desk in ``out``; ``back`` returns to the modules.
export async function showPractice(out, headers, back, { fresh = false } = {}) {
  const opened = fresh ? await api("/api/learning/practice", { method: "POST", headers })
    : await api("/api/learning/practice", { headers });
  if (!opened.ok && opened.status === 404) return showPractice(out, headers, back, { fresh: true });
  if (!opened.ok) {
    out.replaceChildren(el("p", { class: "alert", role: "alert", text: failureMessage(opened, "err.check") }));
    return undefined;
  }
  const listed = await api("/api/agencies");
  const agencies = listed.data?.agencies || [];
  const render = (desk, done) => {
    const backButton = el("button", { type: "button", class: "secondary", text: t("learn.back") });
    backButton.addEventListener("click", back);
    const restart = el("button", { type: "button", class: "secondary", text: t("practice.restart") });
    restart.addEventListener("click", () => showPractice(out, headers, back, { fresh: true }));
    const clock = el("section", { class: "card", id: "practice-clock" },
      el("h2", { text: t("practice.title") }), banner(),
      el("p", {}, el("strong", { text: `${t("practice.clock")}: ` }), localTime(desk.clock)),
      el("p", { class: "meta", text: t("practice.clock.help") }));
    for (const hours of CLOCK_MOVES) {
      const move = el("button", { type: "button", class: "secondary", text: t(`practice.move.${hours}`) });
      move.addEventListener("click", async () => {
        const moved = await api("/api/learning/practice/clock", { method: "POST", body: { hours }, headers });
        if (moved.ok) render(moved.data, t("practice.moved", { time: localTime(moved.data.clock) }));
        else clock.append(el("p", { class: "alert", role: "alert", text: failureMessage(moved, "err.check") }));
      });
      clock.append(move, " ");
    }
    const score = Math.round(desk.score * 100);
    clock.append(el("p", { class: desk.finished ? "ok" : "meta", id: "practice-score",
      text: t(desk.finished ? "practice.finished" : "practice.score", { score }) }));
    const act = async (trackingId, body) => {
      const sent = await api(`/api/learning/practice/reports/${encodeURIComponent(trackingId)}/actions`,
        { method: "POST", body, headers });
      if (!sent.ok) return sent;
      const report = sent.data.reports.find((r) => r.tracking_id === trackingId);
      render(sent.data, t("act.done", { status: report.status_label }));
      return { ok: true, data: { report } };
    };
    out.replaceChildren(backButton, " ", restart, clock,
      ...desk.reports.map((report) => reportCard(report, agencies, act)), mailbox(desk.mails));
    if (done) {
      clock.append(el("p", { class: "ok", role: "status", id: "practice-done", text: done }));
      clock.scrollIntoView?.();
    }
  };
  render(opened.data);
  return undefined;
}
