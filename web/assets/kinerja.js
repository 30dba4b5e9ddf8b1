// The public performance page: national (or one agency's) rates beside SP4N-LAPOR!'s 2022
// figures, the monthly trend as a chart and as a table, and the agencies, sortable.
import uPlot from "./vendor/uPlot.esm.js";
import { api, el, failureMessage, fragmentParams, lang, setupPage, showFieldErrors, t } from "./common.js";

const SEED_2022 = { follow_up_rate: 0.8446, satisfaction_rate: 0.737 };
const form = document.getElementById("perf-filters");
const alertBox = document.getElementById("perf-alert");
let agencies = [];
let categories = [];
let sort = { key: "routed", descending: true };
let agencyRows = [];
let trendRows = [];
let scope = null;  // the figures the cards show
let chart = null;

const percent = (value, digits = 1) => value == null ? "–"
  : new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { style: "percent", maximumFractionDigits: digits }).format(value);
const number = (value) => value == null ? "–"
  : new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB", { maximumFractionDigits: 1 }).format(value);
const thisMonth = () => new Date().toISOString().slice(0, 7);

function chosen() {
  const params = fragmentParams();
  return {
    agency: params.get("agency") || "",
    from: params.get("from") || form.elements.namedItem("from").value || `${thisMonth().slice(0, 4)}-01`,
    to: params.get("to") || form.elements.namedItem("to").value || thisMonth(),
    province: params.get("province") || "",
    category: params.get("category") || "",
  };
}

function fillFilters(state) {
  const province = form.elements.namedItem("province");
  const category = form.elements.namedItem("category");
  const regions = [...new Set(agencies.map((a) => a.region))].sort();
  province.replaceChildren(el("option", { value: "", text: t("feed.all") }), ...regions.map((r) => el("option", { value: r, text: r })));
  category.replaceChildren(el("option", { value: "", text: t("feed.all") }),
    ...categories.map((c) => el("option", { value: c.key, text: c.labels?.[lang] || c.label })));
  form.elements.namedItem("from").value = state.from;
  form.elements.namedItem("to").value = state.to;
  province.value = state.province;
  category.value = state.category;
}

// Each share beside the counts behind it: a share says what it is a share of.
function figure(labelKey, value, count, compare) {
  return el("div", { class: "figure" },
    el("span", { text: t(labelKey) }), el("strong", { text: value }),
    count ? el("span", { class: "meta", text: count }) : null,
    compare ? el("span", { class: "compare", text: compare }) : null);
}

function showFigures() {
  const box = document.getElementById("perf-figures");
  if (!scope) { box.replaceChildren(); return; }
  box.replaceChildren(
    figure("perf.followup", percent(scope.follow_up_rate), t("perf.of", { part: scope.followed_up, whole: scope.verified }),
      chosen().agency ? null : t("perf.seed", { value: percent(SEED_2022.follow_up_rate, 2) })),
    figure("perf.ontime", percent(scope.on_time_rate), t("perf.of", { part: scope.followed_up_on_time, whole: scope.followed_up })),
    figure("perf.satisfaction", percent(scope.satisfaction_rate), t("perf.of", { part: scope.satisfied, whole: scope.answered }),
      chosen().agency ? null : t("perf.seed", { value: percent(SEED_2022.satisfaction_rate, 2) })),
    figure("perf.median", number(scope.median_working_days_to_follow_up), t("perf.received", { count: scope.received })));
}

const SERIES = [["follow_up_rate", "perf.followup", "#0b5cab"], ["on_time_rate", "perf.ontime", "#1a7f37"],
  ["satisfaction_rate", "perf.satisfaction", "#9a3412"]];

function showTrend() {
  const table = document.getElementById("perf-trend");
  table.replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("perf.month") }),
      ...SERIES.map(([, key]) => el("th", { scope: "col", class: "num", text: t(key) })))),
    el("tbody", {}, ...trendRows.map((row) => el("tr", {}, el("th", { scope: "row", text: row.key }),
      ...SERIES.map(([name]) => el("td", { class: "num", text: percent(row[name]) }))))));
  const holder = document.getElementById("perf-chart");
  holder.setAttribute("aria-label", t("perf.chart.label"));
  if (chart) chart.destroy();
  const xs = trendRows.map((row) => Date.UTC(Number(row.key.slice(0, 4)), Number(row.key.slice(5)) - 1, 1) / 1000);
  const data = [xs, ...SERIES.map(([name]) => trendRows.map((row) => row[name] == null ? null : row[name] * 100))];
  chart = new uPlot({
    width: Math.max(holder.clientWidth, 280), height: 240,
    scales: { y: { range: [0, 100] } },
    legend: { live: false },  // the series names; the values are in the table below
    axes: [{ values: (_, ticks) => ticks.map((s) => new Date(s * 1000).toISOString().slice(0, 7)) },
      { values: (_, ticks) => ticks.map((v) => `${v}%`) }],
    series: [{}, ...SERIES.map(([, key, stroke]) => ({ label: t(key), stroke, width: 2, points: { show: true } }))],
  }, data, holder);
}

const COLUMNS = [["label", "perf.agency"], ["routed", "perf.col.routed", "count"], ["followed_up", "perf.col.followed", "count"],
  ["follow_up_rate", "perf.followup", "share"], ["on_time_rate", "perf.ontime", "share"],
  ["satisfaction_rate", "perf.satisfaction", "share"], ["average_rating", "perf.rating", "number"],
  ["median_working_days_to_follow_up", "perf.median", "number"]];

// Behind each share in the table, its counts: "85% (17/20)".
const BEHIND = { follow_up_rate: ["followed_up", "verified"], on_time_rate: ["followed_up_on_time", "followed_up"],
  satisfaction_rate: ["satisfied", "answered"] };

function cell(row, [name, , kind]) {
  if (kind === "share") {
    const [part, whole] = BEHIND[name];
    return el("td", { class: "num", text: `${percent(row[name])} (${row[part]}/${row[whole]})` });
  }
  if (kind) return el("td", { class: "num", text: number(row[name]) });
  return el("td", {}, row.key === "-" ? document.createTextNode(row.label)
    : el("a", { href: `#agency=${encodeURIComponent(row.key)}`, text: row.label }));
}

function showAgencies() {
  const rows = [...agencyRows].sort((a, b) => {
    const [x, y] = [a[sort.key], b[sort.key]];
    const order = x == null ? 1 : y == null ? -1 : typeof x === "string" ? x.localeCompare(y) : x - y;
    return sort.descending ? -order : order;
  });
  document.getElementById("perf-agencies").replaceChildren(
    el("thead", {}, el("tr", {}, ...COLUMNS.map(([name, key, kind]) => {
      const state = sort.key === name ? (sort.descending ? "descending" : "ascending") : undefined;
      const button = el("button", { type: "button", class: "sort", text: t(key) });
      button.addEventListener("click", () => {
        sort = { key: name, descending: sort.key === name ? !sort.descending : name !== "label" };
        showAgencies();
      });
      return el("th", { scope: "col", class: kind ? "num" : undefined, "aria-sort": state }, button);
    }))),
    el("tbody", {}, ...rows.map((row) => el("tr", {}, ...COLUMNS.map((column) => cell(row, column))))));
}

async function load() {
  const state = chosen();
  fillFilters(state);
  showFieldErrors(form);
  alertBox.classList.add("hidden");
  const range = `from=${state.from}&to=${state.to}`;
  const narrow = state.agency ? `&agency=${encodeURIComponent(state.agency)}`
    : state.category ? `&category=${encodeURIComponent(state.category)}`
      : state.province ? `&province=${encodeURIComponent(state.province)}` : "";
  const among = ["province", "category"].filter((n) => state[n]).map((n) => `&${n}=${encodeURIComponent(state[n])}`).join("");
  const [trend, table] = await Promise.all([api(`/api/stats?${range}&by=month${narrow}`), api(`/api/stats?${range}&by=agency${among}`)]);
  const failed = [trend, table].find((result) => !result.ok);
  if (failed) {
    showFieldErrors(form, failed.data?.error?.fields);
    alertBox.textContent = failureMessage(failed, "perf.failed");
    alertBox.classList.remove("hidden");
    return;
  }
  trendRows = trend.data.rows;
  agencyRows = table.data.rows;
  const agency = agencies.find((a) => a.key === state.agency);
  scope = agency ? (table.data.rows.find((row) => row.key === agency.key) || null) : table.data.national;
  document.getElementById("perf-heading").textContent = agency ? agency.label : t("perf.title");
  document.getElementById("perf-back").classList.toggle("hidden", !agency);
  document.getElementById("perf-agencies-card").classList.toggle("hidden", Boolean(agency));
  showFigures();
  showTrend();
  showAgencies();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams(fragmentParams());
  for (const name of ["from", "to", "province", "category"]) {
    const value = form.elements.namedItem(name).value;
    if (value) params.set(name, value); else params.delete(name);
  }
  location.hash = params.toString();
});
document.querySelector("#perf-back a").addEventListener("click", (event) => {
  event.preventDefault();
  const params = fragmentParams();
  params.delete("agency");
  location.hash = params.toString();
});
window.addEventListener("hashchange", load);

// The monthly open-data files, as the export published them beside the pages.
async function openData() {
  const list = document.getElementById("open-data-list");
  let months = [];
  try {
    const response = await fetch("/open-data/index.json");
    months = response.ok ? (await response.json()).months : [];
  } catch {
    months = [];
  }
  const link = (month, name, key) => el("a", { href: `/open-data/${month}/${name}`, text: t(key) });
  list.replaceChildren(...months.map(({ month }) => el("li", {}, el("strong", { text: month }), " · ",
    link(month, "laporan.csv", "perf.open.csv"), " · ", link(month, "laporan.parquet", "perf.open.parquet"), " · ",
    link(month, "kamus-data.json", "perf.open.dictionary"))));
  if (!months.length) list.append(el("li", { class: "meta", text: t("perf.open.none") }));
}

async function reference() {
  [agencies, categories] = await Promise.all([
    api("/api/agencies").then((r) => r.data?.agencies || []),
    api("/api/categories").then((r) => r.data?.categories || []),
  ]);
}

setupPage(async () => { await reference(); load(); openData(); });
(async () => { await reference(); load(); openData(); })();
