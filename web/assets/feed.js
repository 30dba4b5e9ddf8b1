// The public feed: recent non-confidential reports, filters, and the month's headline figures.
import { api, el, failureMessage, lang, localTime, setupPage, showFieldErrors, statusPill, t, trackHref } from "./common.js";

const list = document.getElementById("feed");
const more = document.getElementById("more");
const filters = document.getElementById("filters");
const alert = document.getElementById("feed-alert");
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

// A page of a many-word search can hold no match while older reports remain: read on, a
// few pages at most, before asking the user to load more.
const SEARCH_READ_AHEAD = 5;

function entry(report) {
  return el("li", {},
    el("a", { href: trackHref(report.tracking_id), text: report.title }), el("br"),
    statusPill(report.status, report.status_label), " ",
    el("span", { class: "meta", text: `${report.category?.label || ""} · ${localTime(report.created_at)}` }));
}

// Only the latest request may draw the list: an answer to an older one (the first load,
// a search typed over) arriving late is dropped.
let latest = 0;

async function page(reset) {
  const request = ++latest;
  const query = new URLSearchParams();
  for (const name of ["q", "category", "status"]) {
    const value = filters.elements.namedItem(name).value.trim();
    if (value) query.set(name, value);
  }
  if (!reset && cursor) query.set("cursor", cursor);
  showFieldErrors(filters);
  alert.classList.add("hidden");
  list.setAttribute("aria-busy", "true");
  let result;
  let found = [];
  for (let read = 0; read < SEARCH_READ_AHEAD; read += 1) {
    result = await api(`/api/reports?${query}`);
    if (request !== latest) return;  // the latest request clears aria-busy
    if (!result.ok) break;
    found = found.concat(result.data.reports);
    cursor = result.data.next_cursor || null;
    if (found.length || !cursor) break;
    query.set("cursor", cursor);
  }
  list.removeAttribute("aria-busy");
  if (!result.ok) {
    showFieldErrors(filters, result.data?.error?.fields);
    alert.textContent = failureMessage(result, "feed.failed");
    alert.classList.remove("hidden");
    return;
  }
  if (reset) list.replaceChildren();
  list.append(...found.map(entry));
  if (!list.children.length) {
    list.append(el("li", { class: "meta", text: query.has("q") ? t("feed.nomatch", { q: query.get("q") }) : t("feed.empty") }));
  }
  more.classList.toggle("hidden", !cursor);
}

let stats = {};
function showFigures() {
  document.getElementById("fig-received").textContent = String(stats.received ?? "–");
  document.getElementById("fig-ontime").textContent =
    stats.on_time_rate == null ? "–" : `${Math.round(stats.on_time_rate * 100)}%`;
  // A share says what it is a share of.
  document.getElementById("fig-ontime-count").textContent = stats.followed_up
    ? t("feed.ontime.count", { on_time: stats.followed_up_on_time, total: stats.followed_up }) : "";
}

async function figures() {
  stats = (await api("/api/stats")).data?.national || {};  // this month, the whole country
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
