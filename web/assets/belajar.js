// e-Learning LAPOR!: registration (a sign-in link by mail), then, with the link's token, the
// learner's modules, a module's text and its quiz, scored by the server.
import { api, el, failureMessage, fragmentParams, lang, localTime, setupPage, showFieldErrors, t } from "./common.js";
import { showPractice } from "./latihan.js";

const token = fragmentParams().get("token") || "";
const verifyCode = fragmentParams().get("verify") || "";
const headers = { "X-Learner-Token": token };
const out = document.getElementById("learn");
const alertBox = document.getElementById("learn-alert");

function fail(result) {
  alertBox.textContent = failureMessage(result, "learn.badlink");
  alertBox.classList.remove("hidden");
}

async function showRegistration() {
  document.getElementById("register").classList.remove("hidden");
  const agencies = await api("/api/agencies");
  const select = document.getElementById("learn-agency");
  // No agency is chosen for the learner: a silent first choice would file them under another.
  select.replaceChildren(el("option", { value: "", text: t("r.choose") }),
    ...(agencies.data?.agencies || []).map((a) => el("option", { value: a.key, text: a.label })));
}

document.getElementById("register-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = Object.fromEntries(new FormData(form));
  const sent = await api("/api/learning/learners", { method: "POST", body: { ...body, language: lang } });
  showFieldErrors(form, sent.data?.error?.fields);
  document.getElementById("register-status").textContent = sent.ok ? t("learn.sent") : failureMessage(sent, "err.check");
});

async function showCatalogue() {
  const result = await api("/api/learning/me", { headers });
  if (!result.ok) return fail(result);
  const { learner, modules } = result.data;
  const list = el("ol", { class: "list" });
  for (const module of modules) {
    const item = el("li", {}, el("strong", { text: module.title }), " ",
      el("span", { class: `badge ${module.status}`, text: t(`learn.status.${module.status}`) }),
      el("p", { class: "meta", text: t("learn.minutes", { minutes: module.minutes }) }));
    if (module.status !== "locked") {
      const open = el("button", { type: "button", class: "secondary", text: t("learn.open") });
      open.addEventListener("click", () => showModule(module.id));
      item.append(open);
    }
    list.append(item);
  }
  out.replaceChildren(el("section", { class: "card", id: "catalogue" },
    el("h2", { text: t("learn.hello", { name: learner.name }) }),
    el("p", { text: t(`level.${learner.level}`) }), list));
  if (result.data.certificate) out.append(certificateCard(result.data.certificate));
  out.append(practiceCard());
  if (learner.level === "supervisor") out.append(await agencyLearners());
  return undefined;
}

function certificateCard(certificate) {
  return el("section", { class: "card ok", id: "my-certificate" },
    el("h2", { text: t("cert.yours") }), el("p", { text: t("cert.yours.text") }),
    el("p", {}, el("strong", { text: certificate.code }), " ",
      el("a", { href: `#verify=${encodeURIComponent(certificate.code)}`, target: "_blank", rel: "noopener", text: t("cert.open") })));
}

function practiceCard() {
  const open = el("button", { type: "button", text: t("practice.open") });
  open.addEventListener("click", () => showPractice(out, headers, showCatalogue));
  return el("section", { class: "card", id: "practice" },
    el("h2", { text: t("practice.title") }), el("p", { class: "latihan" }, el("strong", { text: "LATIHAN" }),
      ` ${t("practice.intro")}`), open);
}

// A supervisor (the agency's coordinator or desk address) sees how far its learners have come.
async function agencyLearners() {
  const card = el("section", { class: "card", id: "agency-learners" }, el("h2", { text: t("learn.agency.title") }));
  const body = el("tbody");
  const columns = ["learn.agency.name", "learn.level", "learn.agency.passed", "learn.agency.certificate", "learn.agency.practice"];
  const more = el("button", { type: "button", class: "secondary hidden", text: t("feed.more") });
  // Each cell carries its column's name: on a phone a learner is a block of labelled lines.
  const cell = (column, attributes, ...children) =>
    el("td", { "data-label": t(columns[column]), ...attributes }, ...children);
  const certificates = (entry) => el("span", {}, ...entry.certificates.flatMap((c, i) => [i ? ", " : null,
    el("a", { href: `#verify=${encodeURIComponent(c.code)}`, target: "_blank", rel: "noopener", text: c.code })]));
  let cursor = null;
  const loadPage = async () => {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const result = await api(`/api/learning/agency${query}`, { headers });
    if (!result.ok) {
      card.append(el("p", { class: "meta", text: failureMessage(result, "err.check") }));
      return false;
    }
    body.append(...result.data.learners.map((entry) => el("tr", {},
      cell(0, { text: entry.name }), cell(1, { text: t(`level.${entry.level}`) }),
      cell(2, { class: "num", text: `${entry.passed.length} / ${entry.modules}` }),
      cell(3, {}, entry.certificates.length ? certificates(entry) : "–"),
      cell(4, { class: "num", text: entry.practice_score === null ? "–" : `${Math.round(entry.practice_score * 100)}%` }))));
    cursor = result.data.next_cursor;
    more.classList.toggle("hidden", !cursor);
    return true;
  };
  more.addEventListener("click", loadPage);
  if (await loadPage()) {
    card.append(el("div", { class: "table-wrap" }, el("table", { class: "stacked" },
      el("thead", {}, el("tr", {}, ...columns.map((key) => el("th", { scope: "col", text: t(key) })))),
      body)), more);
  }
  return card;
}

function quizForm(module, onResult) {
  const form = el("form", { id: "quiz", novalidate: "" }, el("h2", { text: t("learn.quiz") }));
  for (const question of module.quiz) {
    const box = el("fieldset", { id: `question-${question.id}` }, el("legend", { text: question.question }));
    for (const option of question.options) {
      const id = `${question.id}-${option.key}`;
      box.append(el("div", { class: "choice" },
        el("input", { type: question.type === "single" ? "radio" : "checkbox", id, name: question.id, value: option.key }),
        el("label", { for: id, text: option.text })));
    }
    form.append(box);
  }
  form.append(el("button", { type: "submit", text: t("learn.submit") }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const answers = {};
    for (const question of module.quiz) {
      answers[question.id] = [...form.querySelectorAll(`[name="${question.id}"]:checked`)].map((input) => input.value);
    }
    const sent = await api(`/api/learning/modules/${encodeURIComponent(module.id)}/attempts`,
      { method: "POST", body: { answers }, headers });
    if (!sent.ok) return fail(sent);
    return onResult(sent.data, form);
  });
  return form;
}

function showResult(result, form, module) {
  form.querySelectorAll(".explain").forEach((node) => node.remove());
  for (const [questionId, wrong] of Object.entries(result.wrong)) {
    const box = form.querySelector(`#question-${CSS.escape(questionId)}`);
    box.append(el("p", { class: "explain error", text: wrong.explanation }, " ",
      el("a", { href: `#${wrong.section}`, text: t("learn.reread") })));
  }
  const score = Math.round(result.score * 100);
  const verdict = el("p", { role: "status", id: "quiz-result", class: result.passed ? "ok" : "alert",
    text: t(result.passed ? "learn.passed" : "learn.failed", { score }) });
  form.querySelector("#quiz-result")?.remove();
  form.append(verdict);
  if (result.certificate) {
    verdict.append(" ", el("strong", { text: t("cert.issued", { code: result.certificate }) }));
  }
  if (result.next_module) {
    const next = el("button", { type: "button", text: t("learn.next") });
    next.addEventListener("click", () => showModule(result.next_module));
    verdict.append(" ", next);
  }
  verdict.scrollIntoView?.();
}

async function showModule(moduleId) {
  const result = await api(`/api/learning/modules/${encodeURIComponent(moduleId)}`, { headers });
  if (!result.ok) return fail(result);
  const module = result.data;
  const back = el("button", { type: "button", class: "secondary", text: t("learn.back") });
  back.addEventListener("click", showCatalogue);
  const text = el("article", { class: "card", id: "module-text" });
  text.innerHTML = module.html;  // the project's own modules, rendered by the API
  out.replaceChildren(back, el("section", { class: "card" },
    el("h2", { text: module.title }),
    el("ul", {}, ...module.objectives.map((o) => el("li", { text: o })))),
  text, el("section", { class: "card" }, quizForm(module, (r, form) => showResult(r, form, module))));
  out.firstChild.scrollIntoView?.();
  return undefined;
}

// Anyone checks a certificate by its code: valid (whose, for what), revoked (when, why) or
// unknown; the QR code on the PDF opens this page with #verify=<code>.
async function checkCertificate(code) {
  const form = document.getElementById("verify-form");
  const shown = document.getElementById("verify-result");
  const result = await api(`/api/certificates/${encodeURIComponent(code.trim())}`);
  showFieldErrors(form, result.data?.error?.fields || {});
  if (result.status === 400) return shown.replaceChildren();
  if (!result.ok && result.status !== 404) {
    return shown.replaceChildren(el("p", { class: "alert", role: "alert", text: failureMessage(result, "err.check") }));
  }
  const status = result.ok ? result.data.status : "unknown";
  const verdict = el("div", { class: `verdict-${status}`, id: "verify-verdict" },
    el("p", {}, el("strong", { text: t(`cert.${status}`) })),
    el("p", { class: "break", text: result.ok ? result.data.code : code }));
  if (result.ok) {
    const c = result.data;
    verdict.append(el("p", { text: t("cert.issued_to", { name: c.name, agency: c.agency.label, level: c.level.label, date: localTime(c.issued_at) }) }));
    if (status === "revoked") verdict.append(el("p", { text: t("cert.revoked.text", { date: localTime(c.revoked_at), reason: c.revoked_reason }) }));
    verdict.append(el("p", { class: "meta", text: t("cert.modules") }), el("ol", {}, ...c.modules.map((m) => el("li", { text: m }))));
  } else {
    verdict.append(el("p", { text: failureMessage(result, "err.check") }));
  }
  return shown.replaceChildren(verdict);
}

document.getElementById("verify-form").addEventListener("submit", (event) => {
  event.preventDefault();
  checkCertificate(document.getElementById("verify-code").value);
});

function start() {
  alertBox.classList.add("hidden");
  if (verifyCode) {
    document.getElementById("verify-code").value = verifyCode;
    checkCertificate(verifyCode);
    document.getElementById("verify").scrollIntoView?.();
    return undefined;
  }
  return token ? showCatalogue() : showRegistration();
}

// A sign-in link (or a certificate's check) opened in this same tab changes only the fragment:
// start again with it. Certificates open their check in a new tab, keeping the learner's.
window.addEventListener("hashchange", () => location.reload());
setupPage(start);
start();
