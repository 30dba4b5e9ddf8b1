// The public feed: recent non-confidential reports, filters, and the month's headline figures.
import { api, el, lang, localTime, setupPage, statusPill, t } from "./common.js";

const list = document.getElementById("feed");
const more = document.getElementById("more");
const filters = document.getElementById("filters");
let cursor = null;
let categories = [];

function fillFilters() {
  const category = filters.elements.namedItem("category");
  const status = filters.elements.namedItem("status");
  const chosen = [category.value, status.value];
  category.replaceChildren(el("option", { value: "", text: t("feed.all") }),
    ...categories.map((c) => el("option", { value: c.key, text: c.labels[lang] })));
  status.replaceChildren(el("option", { value: "", text: t("feed.all") }),
    ...["submitted", "dispositioned", "followed_up", "completed"].map((s) => el("option", { value: s, text: t(`status.${s}`) })));
  [category.value, status.value] = chosen;
}

async function page(reset) {
  const query = new URLSearchParams();
  for (const name of ["category", "status"]) {
    const value = filters.elements.namedItem(name).value;
    if (value) query.set(name, value);
  }
  if (!reset && cursor) query.set("cursor", cursor);
  const result = await api(`/api/reports?${query}`);
  if (reset) list.replaceChildren();
  for (const report of result.data?.reports || []) {
    list.append(el("li", {},
      el("a", { href: `/track.html#id=${report.tracking_id}`, text: report.title }), el("br"),
      statusPill(report.status, report.status_label), " ",
      el("span", { class: "meta", text: `${report.category?.label || ""} · ${localTime(report.created_at)}` })));
  }
  if (!list.children.length) list.append(el("li", { class: "meta", text: t("feed.empty") }));
  cursor = result.data?.next_cursor || null;
  more.classList.toggle("hidden", !cursor);
}

let stats = {};
function showFigures() {
  document.getElementById("fig-received").textContent = String(stats.received ?? "–");
  document.getElementById("fig-ontime").textContent =
    stats.on_time_share == null ? "–" : `${Math.round(stats.on_time_share * 100)}%`;
  // A share says what it is a share of.
  document.getElementById("fig-ontime-count").textContent = stats.followed_up
    ? t("feed.ontime.count", { on_time: stats.followed_up_on_time, total: stats.followed_up }) : "";
}

async function figures() {
  stats = (await api("/api/stats")).data || {};
  showFigures();
}

filters.addEventListener("submit", (event) => { event.preventDefault(); page(true); });
more.addEventListener("click", () => page(false));
setupPage(() => { fillFilters(); showFigures(); page(true); });
(async () => {
  categories = (await api("/api/categories")).data?.categories || [];
  fillFilters();
  await Promise.all([page(true), figures()]);
})();
