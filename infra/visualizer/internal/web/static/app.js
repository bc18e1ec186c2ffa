// The visualizer's page: it signs in when the server asks for it, then
// draws every snapshot the server pushes over one event stream.
"use strict";

const HISTORY = 300; // seconds of chart history kept in the page
const LABELS = {
  registered: "Registered", waitlisted: "Waitlisted", enrolled: "Enrolled", in_exam: "In an exam",
  submitted: "Submitted", graded: "Graded", completed: "Completed",
};
const $ = (sel) => document.querySelector(sel);
const fmt = (n, d = 0) => Number(n || 0).toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = (s) => (s > 0 ? fmt(s * 1000, s < 0.01 ? 1 : 0) + " ms" : "–");

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function rows(tbody, list, cells) {
  tbody.replaceChildren(...list.map((item) => {
    const tr = el("tr");
    for (const c of cells(item)) tr.append(typeof c === "object" ? c : el("td", { text: String(c) }));
    return tr;
  }));
}

// A time-series chart whose series are named by the snapshots; rebuilt when
// the names change.
class Series {
  constructor(target, unit) { this.target = target; this.unit = unit; this.names = []; this.data = [[]]; this.plot = null; }
  push(t, values) {
    const names = Object.keys(values).sort();
    if (names.join() !== this.names.join()) {
      this.names = names;
      this.data = [[], ...names.map(() => [])];
      this.build();
    }
    this.data[0].push(t);
    names.forEach((n, i) => this.data[i + 1].push(values[n]));
    if (this.data[0].length > HISTORY) this.data.forEach((a) => a.shift());
    if (this.plot) this.plot.setData(this.data);
  }
  build() {
    if (this.plot) this.plot.destroy();
    if (typeof uPlot === "undefined") return;
    const colors = ["#2459c4", "#b54708", "#1a7f37", "#8e24aa", "#c01c28", "#00838f", "#5d4037"];
    this.plot = new uPlot({
      width: Math.max(this.target.clientWidth, 300), height: 180,
      series: [{}, ...this.names.map((n, i) => ({ label: n, stroke: colors[i % colors.length], width: 2 }))],
      axes: [{}, { label: this.unit, size: 60 }],
      legend: { live: false },
    }, this.data, this.target);
  }
}

const charts = { events: null, requests: null };

function drawFlow(snap) {
  const flow = $("#flow");
  const states = snap.states;
  if (flow.children.length === 0) {
    states.forEach((s, i) => {
      if (i > 0) flow.append(el("span", { class: "arrow", text: "→" }));
      flow.append(el("div", { class: "state", id: "state-" + s, "data-state": s },
        el("span", { class: "count", text: "0" }),
        el("div", { class: "bar-box" }, el("div", { class: "bar" })),
        el("span", { class: "name", text: LABELS[s] || s })));
    });
  }
  const peak = Math.max(1, ...states.map((s) => snap.people[s] || 0));
  for (const s of states) {
    const box = $("#state-" + s);
    const n = snap.people[s] || 0;
    box.dataset.count = String(n);
    box.querySelector(".count").textContent = fmt(n);
    // A square-root scale keeps a few hundred in an exam visible beside
    // thousands already graded.
    box.querySelector(".bar").style.height = Math.round(Math.sqrt(n / peak) * 100) + "%";
  }
  const t = snap.totals;
  $("#students-total").textContent = fmt(t.students) + " students, " + fmt(t.staff) + " staff";
  const parts = [
    ["courses_published", "courses published"], ["enrollments", "seats taken"], ["waitlisted", "waitlisted"],
    ["dropped", "dropped"], ["rejected", "refused"], ["attempts_started", "attempts started"],
    ["attempts_submitted", "submitted"], ["auto_submitted", "submitted by the deadline"],
    ["attempts_graded", "graded"], ["completions", "completions"], ["certificates", "certificates"],
  ];
  $("#totals").replaceChildren(...parts.flatMap(([k, label], i) => [
    ...(i > 0 ? [" · "] : []),
    el("span", { "data-total": k, "data-value": String(t[k] || 0) }, el("b", { text: fmt(t[k]) }), " " + label),
  ]));
}

function drawTopics(snap, t) {
  const domain = snap.topics.filter((x) => !x.name.endsWith(".dlq"));
  rows($("#topics tbody"), snap.topics, (x) => [x.name, el("td", { class: "num", text: fmt(x.events_per_second, 1) }),
    el("td", { class: "num", text: fmt(x.total) }), x.caught_up ? "live" : "reading history…"]);
  rows($("#lags tbody"), snap.lags || [], (x) => [x.group + (x.active ? "" : " (not running)"), x.topic,
    el("td", { class: "num" + (x.lag > 100 ? " bad" : ""), text: fmt(x.lag) })]);
  if (!charts.events) charts.events = new Series($("#chart-events"), "events/s");
  charts.events.push(t, Object.fromEntries(domain.map((x) => [x.name, x.events_per_second])));
  $("#glance-events").textContent = fmt(domain.reduce((a, x) => a + x.events_per_second, 0), 1);
}

function drawServices(snap, t) {
  const list = snap.services || [];
  rows($("#services tbody"), list, (x) => !x.up
    ? [x.name, el("td", { class: "bad", colspan: "5", text: "not answering" })]
    : !x.has_metrics
      ? [x.name, el("td", { class: "none", colspan: "5", text: "counts no requests" })]
      : [x.name, el("td", { class: "num", text: fmt(x.requests_per_second, 1) }),
        el("td", { class: "num" + (x.errors_per_second > 0 ? " bad" : ""), text: fmt(x.errors_per_second, 1) }),
        el("td", { class: "num", text: fmt(x.error_ratio * 100, 1) }),
        el("td", { class: "num", text: ms(x.p50_seconds) }), el("td", { class: "num", text: ms(x.p95_seconds) })]);
  if (!charts.requests) charts.requests = new Series($("#chart-requests"), "req/s");
  charts.requests.push(t, Object.fromEntries(list.filter((x) => x.has_metrics).map((x) => [x.name, x.requests_per_second])));
  const gw = list.find((x) => x.name === "gateway");
  $("#glance-rps").textContent = gw ? fmt(gw.requests_per_second, 1) : "–";
  $("#glance-p95").textContent = gw ? ms(gw.p95_seconds) : "–";
  $("#glance-errors").textContent = fmt(list.reduce((a, x) => a + (x.errors_per_second || 0), 0), 1);
}

// span says a number of seconds the way a person would: "1 h", "90 min".
function span(s) {
  if (s % 3600 === 0) return s / 3600 + " h";
  if (s % 60 === 0) return s / 60 + " min";
  return s + " s";
}

function drawWorkflows(snap) {
  const w = snap.workflows || {};
  rows($("#workflow-types tbody"), w.by_type || [], (x) => [x.type, el("td", { class: "num", text: fmt(x.running) }),
    el("td", { class: "num", text: fmt(x.completed) }), el("td", { class: "num" + (x.failed > 0 ? " bad" : ""), text: fmt(x.failed) })]);
  if (w.completed_window_seconds > 0) $("#completed-window").textContent = "completed, last " + span(w.completed_window_seconds);
  const attempts = (w.by_type || []).find((x) => x.type === "lms.attempt.v1");
  $("#glance-attempts").textContent = fmt(attempts ? attempts.running : 0);
  $("#workflows").replaceChildren(...(w.recent || []).map((x) => el("li", {},
    el("a", { href: x.url, target: "_blank", rel: "noopener", title: x.type + " started " + x.started_at, text: x.id }))));
}

function drawSims(snap) {
  const sims = snap.sims || [];
  if (sims.length === 0) return;
  $("#sims").replaceChildren(...sims.map((p) => el("div", { class: "sim", "data-run": p.run_id },
    el("div", {}, el("b", { text: p.scenario }), " seed " + p.seed + " · " + fmt(p.students) + " students · " +
      fmt(p.elapsed_seconds, 1) + " s · " + (p.done ? "done" : p.stale ? "stopped reporting" : "running")),
    el("div", { class: "states" }, ...Object.keys(LABELS).map((s) =>
      el("span", { "data-sim-state": s }, LABELS[s] + " ", el("b", { text: fmt((p.states || {})[s]) })))),
    el("div", {}, fmt(p.requests_per_second, 1) + " req/s · " + fmt(p.requests_total) + " requests · ",
      el("span", { class: p.errors_total > 0 ? "bad" : "", text: fmt(p.errors_total) + " errors" }), " · ",
      el("span", { class: p.violations > 0 ? "bad" : "", "data-violations": String(p.violations), text: fmt(p.violations) + " violations" })))));
}

function draw(snap) {
  const t = Date.parse(snap.at) / 1000;
  drawFlow(snap);
  $("#glance-in-exam").textContent = fmt(snap.people.in_exam);
  const rates = snap.per_second || {};
  $("#glance-starts").textContent = fmt(rates.exam_starts, 1);
  $("#glance-submissions").textContent = fmt(rates.submissions, 1);
  drawTopics(snap, t);
  drawServices(snap, t);
  drawWorkflows(snap);
  drawSims(snap);
  $("#updated").textContent = "updated " + new Date(snap.at).toLocaleTimeString();
  const problems = Object.entries(snap.sources || {}).filter(([, v]) => v);
  $("#sources").textContent = problems.map(([k, v]) => k + ": " + v).join(" · ");
}

function setConn(state, text) { const c = $("#conn"); c.dataset.state = state; c.textContent = text; }

function connect() {
  $("#signin").hidden = true;
  $("#live").hidden = false;
  const es = new EventSource("/api/stream");
  es.addEventListener("open", () => setConn("open", "live"));
  es.addEventListener("snapshot", (e) => draw(JSON.parse(e.data)));
  es.addEventListener("error", () => {
    if (es.readyState === EventSource.CLOSED) {
      setConn("closed", "disconnected");
      // The server refused the stream (a session that expired) or is gone:
      // ask again whether to sign in, then reconnect.
      setTimeout(start, 3000);
    } else {
      setConn("connecting", "reconnecting");
    }
  });
}

async function start() {
  try {
    const res = await fetch("/api/session", { credentials: "same-origin" });
    const s = await res.json();
    if (s.required && !s.signed_in) { showSignIn(); return; }
    connect();
  } catch (e) {
    setConn("closed", "visualizer unreachable");
    setTimeout(start, 3000);
  }
}

function showSignIn() {
  setConn("closed", "signed out");
  $("#live").hidden = true;
  $("#signin").hidden = false;
}

$("#signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const res = await fetch("/api/session", {
    method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ access_token: $("#token").value.trim() }),
  });
  if (res.ok) { $("#token").value = ""; start(); return; }
  const p = await res.json().catch(() => ({}));
  $("#signin-error").textContent = p.detail || p.title || "refused";
});

start();
