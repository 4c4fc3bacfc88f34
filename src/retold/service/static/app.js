// The retold page: calls POST /v1/<command> of this server and shows the result;
// a rewrite and an audit run as background jobs (POST /v1/jobs/<command>, then
// GET /v1/jobs/<id>) so that the page can show how far they have gone.
// Every text from an article or a server reaches the page through textContent
// (never innerHTML); the audit report is the server's escaped page in a
// sandboxed iframe without scripts.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

// --- talking to the server ------------------------------------------------

class ServiceError extends Error {}

// `asJson`: the answer is JSON whatever the format (a job's state is).
async function call(command, body, format, asJson) {
  const query = format && format !== "json" ? `?format=${format}` : "";
  let answer;
  try {
    answer = await fetch(`/v1/${command}${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ServiceError(`The server cannot be reached (${err.message}).`);
  }
  if (!answer.ok) throw await failure(answer);
  return format && format !== "json" && !asJson ? answer.text() : answer.json();
}

async function failure(answer) {
  let message = `HTTP ${answer.status}`;
  try {
    const error = await answer.json();
    message = error.message || message;
  } catch (_) { /* not JSON: keep the status */ }
  return new ServiceError(message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function jobState(id) {
  let answer;
  try {
    answer = await fetch(`/v1/jobs/${encodeURIComponent(id)}`);
  } catch (err) {
    throw new ServiceError(`The server cannot be reached (${err.message}).`);
  }
  if (!answer.ok) throw await failure(answer);
  return answer.json();
}

// Runs `command` as a background job: `progress(job)` sees each state polled
// until the job is done (the job, with its result and, when `format` is asked,
// its rendering) or failed (its error, thrown).
async function runJob(command, body, progress, format) {
  let job = await call(`jobs/${command}`, body, format === "json" ? undefined : format, true);
  for (;;) {
    progress(job);
    if (job.state === "done") return job;
    if (job.state === "failed") throw new ServiceError(job.error.message);
    await sleep(200);
    job = await jobState(job.id);
  }
}

function articleFields(input) {
  const text = input.trim();
  if (/^https?:\/\/\S+$/i.test(text)) return { url: text };
  if (/^<(!doctype|html|head|body|article|div|p|h1|section|main)\b/i.test(text)) return { html: input };
  return { text: input };
}

// What a job is doing, by its command and stage (retold.rewrite.pipeline and
// retold.audit.auditor): `done` of `total` in that stage.
const STAGES = {
  rewrite: {
    reading: (done, total) => `reading its ${total} sentences…`,
    rewriting: (done, total) => `proposing rewrites of ${total} sentences…`,
    ranking: (done, total) => `ranking the rewrites of ${total} sentences…`,
    checking: (done, total) => done < total
      ? `checking sentence ${done + 1} of ${total}…`
      : `all ${total} sentences checked…`,
    alternatives: (done, total) => `all ${total} sentences checked; checking other rewrites…`,
    finishing: (done, total) => `all ${total} sentences checked; auditing the whole article…`,
  },
  audit: {
    reading: (done, total) => `reading ${total} sentences…`,
    aligning: (done, total) => `aligning ${total} sentences…`,
    proofreading: (done, total) => `proofreading the rewrite's ${total} sentences…`,
    checking: (done, total) => done < total
      ? `checking sentence pair ${done + 1} of ${total}…`
      : `all ${total} sentence pairs checked…`,
  },
};

// Shows the seconds elapsed while `work(show)` runs, and the bar: `show(job)`
// sets it to the share of the job done (`job.progress`, in percent) and says
// what the job is doing; before the job has a stage, the bar runs without a
// value. Only the words are announced, not the clock.
async function withProgress(box, button, label, command, work) {
  const bar = box.querySelector("progress");
  const text = box.querySelector(".progress-text");
  const clock = box.querySelector(".progress-time");
  const started = performance.now();
  const tick = () => { clock.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`; };
  let shown = null;
  const show = (job) => {
    const says = job && (STAGES[command] || {})[job.stage];
    const percent = job && job.state === "done" ? 100 : Math.round(100 * ((job && job.progress) || 0));
    const words = job && job.state === "done" ? `${label}: done.`
      : says ? `${label}: ${says(job.done, job.total)}` : `${label}…`;
    if (shown === `${percent}/${words}`) return;
    shown = `${percent}/${words}`;
    text.textContent = words;
    if (says || (job && job.state === "done")) {
      bar.max = 100;
      bar.value = percent;
      bar.setAttribute("aria-valuemax", "100");
      bar.setAttribute("aria-valuetext", `${percent}%: ${words}`);
      bar.setAttribute("aria-valuenow", String(percent));
    } else {
      bar.removeAttribute("value");
      for (const name of ["aria-valuemax", "aria-valuenow", "aria-valuetext"]) bar.removeAttribute(name);
    }
  };
  show(null);
  tick();
  box.hidden = false;
  button.disabled = true;
  const timer = setInterval(tick, 100);
  try {
    return await work(show);
  } finally {
    clearInterval(timer);
    box.hidden = true;
    button.disabled = false;
  }
}

function showError(box, err) {
  box.textContent = err instanceof ServiceError ? err.message : `Something went wrong: ${err}`;
  box.hidden = false;
}

function button(text, label, action) {
  const node = el("button", { type: "button", class: "pick", "aria-label": label, text });
  node.addEventListener("click", action);
  return node;
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// --- words that changed ----------------------------------------------------

function words(text) {
  return text.split(/(\s+)/).filter((part) => part !== "");
}

const norm = (word) => word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

// Marks each word of `after` that is not in a longest common subsequence with `before`.
function diff(before, after) {
  const a = words(before).filter((w) => w.trim());
  const b = words(after);
  const bw = b.map((w, i) => [w, i]).filter(([w]) => w.trim());
  const n = a.length, m = bw.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = norm(a[i]) === norm(bw[j][0])
        ? table[i + 1][j + 1] + 1
        : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const same = new Set();
  const keptBefore = new Set();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (norm(a[i]) === norm(bw[j][0])) { same.add(bw[j][1]); keptBefore.add(i); i++; j++; }
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return {
    after: b.map((w, i) => ({ text: w, changed: w.trim() !== "" && !same.has(i) })),
    before: a.map((w, i) => ({ text: w, changed: !keptBefore.has(i) })),
  };
}

function marked(parts, tag, cls) {
  const frag = document.createDocumentFragment();
  parts.forEach((part, i) => {
    if (tag === "del" && i) frag.append(" ");
    frag.append(part.changed ? el(tag, { class: cls, text: part.text }) : part.text);
  });
  return frag;
}

// --- the rewrite tab -------------------------------------------------------

let lastRewrite = null;

function frozenTerms(text) {
  return [...new Set(text.split("\n").map((t) => t.trim()).filter((t) => t !== ""))];
}

function rewriteRequest() {
  return {
    id: "page",
    ...articleFields($("source").value),
    backends: [$("backend").value],
    strength: $("strength").value,
    mode: $("mode").value,
    frozen: frozenTerms($("frozen").value),
  };
}

function keyPoints(result) {
  const wanted = new Set(result.summary.map((s) => s.index));
  const points = [];
  for (const s of result.sentences) {
    const covers = s.indices || [s.index];
    if (covers.some((i) => wanted.has(i)) && !points.includes(s.rewrite)) points.push(s.rewrite);
  }
  return points;
}

function showRewrite(result) {
  $("headline").textContent = result.title || "(no headline)";
  const changed = result.sentences.filter((s) => s.status === "rewritten").length;
  const score = result.report ? ` · audit score ${result.report.score.toFixed(3)}` : "";
  $("result-summary").textContent =
    `${changed} of ${result.sentences.length} sentences rewritten, the rest kept${score}.`;
  $("keypoints").replaceChildren(...keyPoints(result).map((p) => el("li", { text: p })));

  const article = $("article");
  article.replaceChildren();
  let paragraph = null;
  let current = null;
  result.sentences.forEach((s, k) => {
    if (current === null || s.paragraph !== paragraph) {
      current = el("p");
      article.append(current);
      paragraph = s.paragraph;
    } else {
      current.append(" ");
    }
    const span = el("span", {
      class: `sentence ${s.status}`,
      role: "button",
      tabindex: "0",
      "data-index": String(k),
      "aria-label": `Sentence ${k + 1}, ${s.status}: ${s.rewrite}`,
    });
    drawSentence(span, s, k);
    span.addEventListener("click", () => showSentence(result, k));
    span.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        showSentence(result, k);
      }
    });
    current.append(span);
  });
  $("detail").replaceChildren(el("p", { class: "muted", text: "No sentence chosen." }));
  (result.warnings || []).forEach((w) => article.append(el("p", { class: "error", text: w })));
  $("result").hidden = false;
}

function drawSentence(span, s, k) {
  span.setAttribute("aria-label", `Sentence ${k + 1}, ${s.status}: ${s.rewrite}`);
  span.replaceChildren(marked(diff(s.source.text, s.rewrite).after, "mark", "changed"));
}

// Puts alternative number `a` of sentence k in the article; the rewrite it
// replaces becomes an alternative in its place, so a pick can be undone. The
// audit's notes were about the other wording, so they are dropped. The copied
// text and the JSON download hold the picks; Markdown and HTML are the
// server's own rendering of its choice.
function pickAlternative(result, k, a) {
  const s = result.sentences[k];
  const picked = s.alternatives[a];
  s.alternatives[a] = { text: s.rewrite, backend: s.backend, operations: s.operations };
  s.rewrite = picked.text;
  s.backend = picked.backend;
  s.operations = picked.operations;
  s.issues = [];
  s.picked = true;
  drawSentence(document.querySelector(`.sentence[data-index="${k}"]`), s, k);
  $("keypoints").replaceChildren(...keyPoints(result).map((p) => el("li", { text: p })));
  showSentence(result, k);
  $("detail").focus();
}

function issueItem(issue) {
  return el("li", { class: "issue" },
    el("code", { text: issue.code }), " ",
    el("span", { class: `sev-${issue.severity}`, text: issue.severity }),
    ` (${issue.kind}): ${issue.message}`);
}

function showSentence(result, k) {
  const s = result.sentences[k];
  document.querySelectorAll(".sentence.chosen").forEach((n) => n.classList.remove("chosen"));
  document.querySelector(`.sentence[data-index="${k}"]`).classList.add("chosen");
  const changes = diff(s.source.text, s.rewrite);
  const parts = [
    el("h4", { text: `Sentence ${k + 1}: ${s.status}` }),
    el("p", { class: "muted", text: "Source" }),
    el("blockquote", { class: "source" }, marked(changes.before, "del", "removed")),
  ];
  if (s.status === "kept") {
    parts.push(el("p", { class: "why" }, el("strong", { text: "Why it was kept: " }),
      s.reason || "no candidate passed the gate"));
  } else {
    parts.push(el("p", { class: "muted", text: "Rewrite" }),
      el("blockquote", {}, marked(changes.after, "mark", "changed")));
    const how = (s.operations || []).join(", ") || "reworded";
    parts.push(el("p", { class: "why" }, el("strong", { text: "How it was changed: " }),
      `${how} (backend ${s.backend || "none"}).`));
  }
  if (s.issues && s.issues.length) {
    parts.push(el("p", { class: "muted", text: "Notes from the audit" }),
      el("ul", {}, ...s.issues.map(issueItem)));
  }
  if (s.alternatives && s.alternatives.length) {
    parts.push(el("p", { class: "muted", text: "Other rewrites that passed the audit" }),
      el("ol", { class: "alternatives" }, ...s.alternatives.map((a, i) => el("li", {},
        el("span", { class: "alternative", text: a.text }), " ",
        button("Use this", `Use alternative ${i + 1} for sentence ${k + 1}`,
          () => pickAlternative(result, k, i))))));
  }
  const detail = $("detail");
  detail.replaceChildren(...parts);
}

async function runRewrite(event) {
  event.preventDefault();
  $("error").hidden = true;
  const request = rewriteRequest();
  try {
    const job = await withProgress($("progress"), $("run"), "Rewriting", "rewrite",
      (show) => runJob("rewrite", request, show));
    const result = job.result;
    lastRewrite = { request, result };
    showRewrite(result);
  } catch (err) {
    showError($("error"), err);
  }
}

async function downloadRewrite(format) {
  if (!lastRewrite) return;
  const name = (lastRewrite.result.title || "article").replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 60);
  if (format === "json") {
    download(`${name}.json`, "application/json", JSON.stringify(lastRewrite.result, null, 2));
    return;
  }
  try {
    const job = await withProgress($("progress"), $("run"), "Rendering", "rewrite",
      (show) => runJob("rewrite", lastRewrite.request, show, format));
    const text = job.rendered;
    download(`${name}.${format}`, format === "md" ? "text/markdown" : "text/html", text);
  } catch (err) {
    showError($("error"), err);
  }
}

// --- the audit tab ---------------------------------------------------------

let lastAudit = null;

function pairField(text) {
  return text.trim() === "" ? null : text;
}

async function sentencesOf(text) {
  if (!text) return [];
  const fields = articleFields(text);
  if (fields.url) return [];
  return (await call("segment", fields)).sentences;
}

function located(sentences, span) {
  if (!span) return null;
  const [start, end] = span;
  const s = sentences.find((x) => x.start <= start && end <= x.end);
  return s ? s.text.slice(start - s.start, end - s.start) : null;
}

async function runAudit(event) {
  event.preventDefault();
  $("audit-error").hidden = true;
  const request = {
    id: "audit",
    source: pairField($("audit-source").value),
    rewrite: $("audit-rewrite").value,
    mode: $("audit-mode").value,
  };
  try {
    const [job, src, rw] = await withProgress($("audit-progress"), $("audit-run"), "Auditing", "audit",
      (show) => Promise.all([
        runJob("audit", request, show, "html"),
        sentencesOf(request.source),
        sentencesOf(request.rewrite),
      ]));
    const [report, page] = [job.result, job.rendered];
    lastAudit = { request, report, page };
    showAudit(report, page, src, rw);
  } catch (err) {
    showError($("audit-error"), err);
  }
}

function showAudit(report, page, src, rw) {
  const counts = { error: 0, warning: 0, info: 0 };
  report.issues.forEach((i) => { counts[i.severity] = (counts[i.severity] || 0) + 1; });
  const count = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  $("audit-summary").textContent =
    `Score ${report.score.toFixed(3)} (${report.mode}) · ${count(counts.error, "error")}, ` +
    `${count(counts.warning, "warning")}, ${count(counts.info, "note")}.`;
  const items = report.issues.map((issue) => {
    const item = issueItem(issue);
    const before = located(src, issue.source_span);
    const after = located(rw, issue.rewrite_span);
    if (before !== null || after !== null) {
      const where = el("div", { class: "where" });
      if (before !== null) where.append("source: ", el("mark", { class: issue.severity, text: before }), " ");
      if (after !== null) where.append("rewrite: ", el("mark", { class: issue.severity, text: after }));
      item.append(where);
    }
    return item;
  });
  $("audit-issues").replaceChildren(...(items.length ? items : [el("li", { text: "No issues." })]));
  $("audit-report").srcdoc = page;
  $("audit-result").hidden = false;
}

// --- tabs, health, wiring --------------------------------------------------

function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const on = other === tab;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !on;
  }
  tab.focus();
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) selectTab(tabs[(i + step + tabs.length) % tabs.length]);
    });
  });
}

async function checkHealth() {
  const status = $("health");
  try {
    const answer = await fetch("/healthz");
    const body = await answer.json();
    if (!answer.ok) {
      status.textContent = body.message || "The server is starting…";
      setTimeout(checkHealth, 1000);
      return;
    }
    status.textContent = `Ready · retold ${body.version}`;
    status.classList.remove("bad");
    const select = $("backend");
    select.replaceChildren(...body.backends.map((name) =>
      el("option", { value: name, text: name })));
    select.value = body.backends.includes("rules") ? "rules" : body.backends[0];
  } catch (err) {
    status.textContent = "The server cannot be reached; retrying…";
    status.classList.add("bad");
    setTimeout(checkHealth, 2000);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  wireTabs();
  $("rewrite-form").addEventListener("submit", runRewrite);
  $("audit-form").addEventListener("submit", runAudit);
  $("copy").addEventListener("click", () => {
    if (lastRewrite) navigator.clipboard.writeText(lastRewrite.result.sentences.map((s) => s.rewrite).join(" "));
  });
  $("download-json").addEventListener("click", () => downloadRewrite("json"));
  $("download-md").addEventListener("click", () => downloadRewrite("md"));
  $("download-html").addEventListener("click", () => downloadRewrite("html"));
  $("audit-download-json").addEventListener("click", () => {
    if (lastAudit) download("audit.json", "application/json", JSON.stringify(lastAudit.report, null, 2));
  });
  $("audit-download-html").addEventListener("click", () => {
    if (lastAudit) download("audit.html", "text/html", lastAudit.page);
  });
  checkHealth();
});
