// chainrule serve: the page. Sends what is typed to the local server (debounced), typesets what
// comes back with KaTeX, shows every problem at its place in the input, and keeps the input in the
// URL fragment so that a link restores the page.
"use strict";

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 250;
const NEURON = { mode: "expression", expression: "max(0, w . x + b)", derivative: "gradient", wrt: "w",
                 declarations: "", file: "" };
const FIELDS = ["expression", "wrt", "declarations", "file"];

const state = {
  analysis: null,      // the last successful /api/analyze reply
  sequence: 0,         // the number of the latest analysis sent; older replies are dropped
  controller: null,    // aborts the analysis in flight when a newer one starts
  timer: 0,
};

// ---- the input, and the URL fragment that holds it ------------------------------------------

function readInput() {
  return {
    mode: $("mode-file").checked ? "file" : "expression",
    expression: $("expression").value,
    derivative: $("derivative").value,
    wrt: $("wrt").value,
    declarations: $("declarations").value,
    file: $("file").value,
  };
}

function writeInput(input) {
  $("mode-file").checked = input.mode === "file";
  $("mode-expression").checked = input.mode !== "file";
  $("expression").value = input.expression || "";
  $("derivative").value = ["gradient", "jacobian", "hessian"].includes(input.derivative) ? input.derivative : "gradient";
  $("wrt").value = input.wrt || "";
  $("declarations").value = input.declarations || "";
  $("file").value = input.file || "";
  showMode();
}

/** The input as a fragment: #f=...&wrt=... (only what the mode uses). */
function fragment(input) {
  const params = new URLSearchParams();
  if (input.mode === "file") {
    params.set("mode", "file");
    params.set("file", input.file);
  } else {
    params.set("f", input.expression);
    params.set("d", input.derivative);
    params.set("wrt", input.wrt);
    if (input.declarations) params.set("shapes", input.declarations);
  }
  return "#" + params.toString();
}

function fromFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  if (![...params.keys()].length) return null;
  return {
    mode: params.get("mode") === "file" ? "file" : "expression",
    expression: params.get("f") || "",
    derivative: params.get("d") || "gradient",
    wrt: params.get("wrt") || "",
    declarations: params.get("shapes") || "",
    file: params.get("file") || "",
  };
}

function showMode() {
  const file = $("mode-file").checked;
  $("file-mode").hidden = !file;
  $("expression-mode").hidden = file;
}

// ---- talking to the server ------------------------------------------------------------------

async function post(endpoint, body, signal) {
  const response = await fetch("/api/" + endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = { ok: false, error: "the server sent no JSON (HTTP " + response.status + ")" };
  }
  return { status: response.status, json };
}

function scheduleAnalysis() {
  clearTimeout(state.timer);
  state.timer = setTimeout(analyze, DEBOUNCE_MS);
}

async function analyze() {
  const input = readInput();
  history.replaceState(null, "", fragment(input));
  const text = input.mode === "file" ? input.file : input.expression;
  if (!text.trim()) {
    clearProblems();
    setStatus("");
    return;
  }
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const sequence = ++state.sequence;
  setStatus("Deriving…");
  let reply;
  try {
    reply = await post("analyze", input, controller.signal);
  } catch (e) {
    if (e.name !== "AbortError") setStatus("The server does not answer: is chainrule serve still running?", true);
    return;
  }
  if (sequence !== state.sequence) return;
  clearProblems();
  if (reply.status === 200 && reply.json.ok) {
    state.analysis = reply.json;
    $("results").classList.remove("stale");
    setStatus("");
    renderAnalysis(reply.json);
    requestSteps(input, reply.json);
  } else if (reply.status === 422) {
    $("results").classList.add("stale");
    showProblems(reply.json.problems);
    setStatus(reply.json.problems.length === 1 ? "1 problem in the input" : reply.json.problems.length + " problems in the input", true);
  } else {
    setStatus(reply.json.error || ("HTTP " + reply.status), true);
  }
}

function setStatus(text, error) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", !!error);
}

// ---- problems, each at its place ------------------------------------------------------------

function fieldElement(field) {
  if (FIELDS.includes(field)) return $(field);
  if (field.startsWith("value:")) return $("value-" + field.slice(6));
  if (field.startsWith("dimension:")) return $("dim-" + field.slice(10));
  if (field === "seed") return $("seed");
  return null;
}

function problemsElement(field) {
  if (FIELDS.includes(field) || field === "seed" || field === "request") return $("problems-" + field);
  if (field.startsWith("value:")) return $("problems-value-" + field.slice(6));
  if (field.startsWith("dimension:")) return $("problems-request");
  return $("problems-request");
}

function clearProblems(scope) {
  document.querySelectorAll(scope === "numbers" ? "#numbers-section .problems" : "#input .problems")
    .forEach((e) => { e.textContent = ""; });
  document.querySelectorAll(scope === "numbers" ? "#numbers-section [aria-invalid]" : "#input [aria-invalid]")
    .forEach((e) => e.removeAttribute("aria-invalid"));
}

/** The line of a text, by 1-based number. */
function lineOf(text, line) {
  return text.split(/\r\n|\r|\n/)[line - 1] || "";
}

/** UTF-16 offset in `text` of a 1-based line and column counted in code points. */
function offsetOf(text, line, column) {
  const lines = text.split(/(\r\n|\r|\n)/);
  let offset = 0;
  for (let i = 0; i < (line - 1) * 2 && i < lines.length; i++) offset += lines[i].length;
  const points = Array.from(lines[(line - 1) * 2] || "");
  return offset + points.slice(0, column - 1).join("").length;
}

function showProblems(problems) {
  for (const p of problems) {
    const input = fieldElement(p.field);
    const container = problemsElement(p.field);
    if (input) input.setAttribute("aria-invalid", "true");
    const box = document.createElement("div");
    box.className = "problem";
    box.dataset.field = p.field;
    const where = document.createElement("button");
    where.type = "button";
    where.className = "where";
    where.textContent = p.line + ":" + p.column;
    where.title = "Go to line " + p.line + ", column " + p.column;
    where.addEventListener("click", () => select(input, p));
    const message = document.createElement("span");
    message.className = "message";
    message.textContent = p.message;
    box.append(where, message);
    if (input && "value" in input) {
      const line = Array.from(lineOf(input.value, p.line));
      if (line.length) {
        const source = document.createElement("pre");
        source.className = "source";
        const start = Math.min(p.column - 1, line.length);
        const end = Math.min(start + p.length, line.length);
        const mark = document.createElement("mark");
        mark.textContent = line.slice(start, end).join("") || " ";
        source.append(document.createTextNode(line.slice(0, start).join("")), mark,
          document.createTextNode(line.slice(end).join("")));
        box.appendChild(source);
      }
    }
    (container || $("problems-request")).appendChild(box);
  }
}

/** Focuses a field with a problem's span selected. */
function select(input, p) {
  if (!input) return;
  input.focus();
  if (typeof input.setSelectionRange === "function" && input.type !== "number") {
    const start = offsetOf(input.value, p.line, p.column);
    const end = offsetOf(input.value, p.line, p.column + p.length);
    input.setSelectionRange(start, Math.max(start, end));
  }
}

// ---- results --------------------------------------------------------------------------------

function typeset(latex, element) {
  if (window.katex) {
    katex.render(latex, element, { displayMode: true, throwOnError: false, output: "htmlAndMathml" });
  } else {
    element.textContent = latex;
  }
}

function copyButton(label, text, what) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.addEventListener("click", () => copy(text(), what, button));
  return button;
}

function renderAnalysis(analysis) {
  const container = $("functions");
  container.textContent = "";
  for (const f of analysis.functions) {
    const section = document.createElement("div");
    section.className = "function";
    section.dataset.function = f.name;
    const head = document.createElement("div");
    head.className = "function-head";
    const restated = document.createElement("div");
    restated.className = "math restated";
    typeset(f.restated.latex, restated);
    const shapes = document.createElement("p");
    shapes.className = "shapes";
    shapes.textContent = f.parameters.length
      ? "with " + f.parameters.map((p) => p.name + ": " + p.shape).join(", ") + (f.shape !== "scalar" ? "; " + f.name + ": " + f.shape : "")
      : f.name + ": " + f.shape;
    head.append(restated);
    section.append(head, shapes);
    if (!f.derivatives.length) {
      const none = document.createElement("p");
      none.className = "empty";
      none.textContent = analysis.mode === "file" ? "This function asks for no derivative."
        : "Name the variables to differentiate with respect to.";
      section.appendChild(none);
    }
    for (const d of f.derivatives) {
      const block = document.createElement("div");
      block.className = "derivative";
      block.dataset.id = d.id;
      const convention = document.createElement("p");
      convention.className = "convention";
      convention.textContent = d.convention + " · " + d.shape;
      const math = document.createElement("div");
      math.className = "math";
      math.setAttribute("aria-label", d.label.text + " = " + d.value.text);
      typeset(d.label.latex + " = " + d.value.latex, math);
      const actions = document.createElement("div");
      actions.className = "actions";
      actions.append(copyButton("Copy LaTeX", () => d.label.latex + " = " + d.value.latex, "LaTeX"),
        copyButton("Copy text", () => d.label.text + " = " + d.value.text, "text"));
      block.append(convention, math, actions);
      section.appendChild(block);
    }
    container.appendChild(section);
  }
  renderJava(analysis);
  renderNumberFields(analysis);
}

function currentFunction() {
  const analysis = state.analysis;
  if (!analysis) return null;
  const name = $("function").value;
  return analysis.functions.find((f) => f.name === name) || analysis.functions[0];
}

function renderJava(analysis) {
  const f = analysis.functions.length === 1 ? analysis.functions[0] : currentFunction();
  const code = $("java").querySelector("code");
  if (f.java) {
    highlightJava(f.java, code);
    $("java-note").textContent = f.className + ".java, generated from the .calc text below: allocation-free, for Java 8 and later.";
  } else {
    code.textContent = "";
    $("java-note").textContent = f.javaProblem || "";
  }
  $("java").hidden = !f.java;
  $("copy-java").disabled = !f.java;
  $("calc").textContent = f.calc;
  $("copy-calc").disabled = !f.calc;
}

// ---- steps ----------------------------------------------------------------------------------

async function requestSteps(input, analysis) {
  const f = analysis.functions[0];
  const body = $("steps-body");
  if (!f.derivatives.length) {
    body.textContent = "";
    const p = document.createElement("p");
    p.className = "empty";
    p.textContent = "No derivative to explain.";
    body.appendChild(p);
    return;
  }
  let reply;
  try {
    reply = await post("steps", Object.assign({}, input, { function: f.name, derivative_id: f.derivatives[0].id }));
  } catch (e) {
    return;
  }
  body.textContent = "";
  if (reply.status === 200 && reply.json.ok) {
    renderSteps(reply.json, body);
  } else {
    const p = document.createElement("p");
    p.className = "empty steps-unavailable";
    p.textContent = reply.json.error || "The steps could not be derived: " + (reply.json.problems || [])
      .map((problem) => problem.message).join("; ");
    body.appendChild(p);
  }
}

/** The derivation: its layout and notation, then each part's steps under their headings, typeset. */
function renderSteps(explanation, body) {
  for (const line of [explanation.layout + "."].concat(explanation.notation)) {
    const intro = document.createElement("p");
    intro.className = "convention intro";
    intro.textContent = line;
    body.appendChild(intro);
  }
  let part = null;
  let heading = null;
  let list = null;
  for (const step of explanation.steps) {
    if (step.part !== part) {
      part = step.part;
      heading = null;
      if (part) {
        const title = document.createElement("h3");
        title.className = "steps-part";
        title.textContent = part;
        body.appendChild(title);
      }
    }
    if (step.heading !== heading) {
      heading = step.heading;
      const h = document.createElement("h4");
      h.className = "steps-heading";
      h.textContent = heading;
      list = document.createElement("ol");
      list.className = "steps";
      body.append(h, list);
    }
    const item = document.createElement("li");
    item.className = "step";
    item.dataset.kind = step.kind;
    const math = document.createElement("div");
    math.className = "math";
    typeset(step.expression.latex, math);
    const rule = document.createElement("p");
    rule.className = "convention";
    rule.textContent = [step.rule, step.section ? "§" + step.section : null, step.shape].filter(Boolean).join(" · ");
    item.append(math, rule);
    list.appendChild(item);
  }
}

// ---- numbers --------------------------------------------------------------------------------

function renderNumberFields(analysis) {
  const choice = $("function");
  const previous = choice.value;
  choice.textContent = "";
  for (const f of analysis.functions) {
    const option = document.createElement("option");
    option.value = f.name;
    option.textContent = f.name;
    choice.appendChild(option);
  }
  if (analysis.functions.some((f) => f.name === previous)) choice.value = previous;
  $("function-choice").hidden = analysis.functions.length < 2;
  const f = currentFunction();

  const dims = $("dimension-fields");
  const oldDims = {};
  dims.querySelectorAll("input").forEach((i) => { oldDims[i.dataset.name] = i.value; });
  dims.textContent = "";
  for (const d of f.dimensions) {
    const field = document.createElement("div");
    field.className = "field";
    const label = document.createElement("label");
    label.htmlFor = "dim-" + d;
    label.textContent = d + " =";
    const input = document.createElement("input");
    input.type = "number";
    input.min = "1";
    input.id = "dim-" + d;
    input.dataset.name = d;
    input.value = oldDims[d] || "3";
    input.addEventListener("input", () => { $("numbers-result").textContent = ""; });
    field.append(label, input);
    dims.appendChild(field);
  }

  const values = $("value-fields");
  const oldValues = {};
  values.querySelectorAll("textarea").forEach((t) => { oldValues[t.dataset.name + ":" + t.dataset.shape] = t.value; });
  values.textContent = "";
  for (const p of f.parameters) {
    const field = document.createElement("div");
    field.className = "field";
    const label = document.createElement("label");
    label.htmlFor = "value-" + p.name;
    label.textContent = p.name + ": " + p.shape;
    const text = document.createElement("textarea");
    text.id = "value-" + p.name;
    text.className = "code-input";
    text.rows = p.shape.startsWith("matrix") ? 3 : 1;
    text.spellcheck = false;
    text.dataset.name = p.name;
    text.dataset.shape = p.shape;
    text.placeholder = p.shape === "scalar" ? "0.5" : p.shape.startsWith("matrix") ? "[[1, 2], [3, 4]]" : "[1, 2, 3]";
    text.value = oldValues[p.name + ":" + p.shape] || "";
    text.setAttribute("aria-describedby", "problems-value-" + p.name);
    const problems = document.createElement("div");
    problems.className = "problems";
    problems.id = "problems-value-" + p.name;
    problems.setAttribute("aria-live", "polite");
    field.append(label, text, problems);
    values.appendChild(field);
  }
  $("numbers-result").textContent = "";
  $("numbers-status").textContent = "";
}

function dimensions() {
  const result = {};
  $("dimension-fields").querySelectorAll("input").forEach((i) => {
    result[i.dataset.name] = Number(i.value);
  });
  return result;
}

async function evaluate(random) {
  const f = currentFunction();
  if (!f) return;
  const body = Object.assign(readInput(), { function: f.name, dimensions: dimensions() });
  if (random) {
    let seed = $("seed").value.trim();
    if (!/^-?\d+$/.test(seed)) {
      seed = String(Math.floor(Math.random() * 1e9));
      $("seed").value = seed;
    }
    body.seed = Number(seed);
  } else {
    body.values = {};
    $("value-fields").querySelectorAll("textarea").forEach((t) => { body.values[t.dataset.name] = t.value; });
  }
  clearProblems("numbers");
  const status = $("numbers-status");
  status.classList.remove("error");
  status.textContent = "Evaluating (the first time compiles the class)…";
  let reply;
  try {
    reply = await post("evaluate", body);
  } catch (e) {
    status.textContent = "The server does not answer: is chainrule serve still running?";
    status.classList.add("error");
    return;
  }
  if (reply.status === 200 && reply.json.ok) {
    if (random) {
      for (const [name, value] of Object.entries(reply.json.values)) {
        const t = $("value-" + name);
        if (t) t.value = formatJson(value);
      }
    }
    renderNumbers(reply.json);
    status.textContent = random ? "Random values from seed " + reply.json.seed + ", each entry uniform in [−2, 2]."
      : "Evaluated at the values typed.";
  } else if (reply.status === 422) {
    showProblems(reply.json.problems);
    status.textContent = "The numbers could not be evaluated: see above.";
    status.classList.add("error");
  } else {
    status.textContent = reply.json.error || ("HTTP " + reply.status);
    status.classList.add("error");
  }
}

function formatJson(value) {
  if (!Array.isArray(value)) return String(value);
  if (value.length && Array.isArray(value[0])) return "[" + value.map((r) => JSON.stringify(r)).join(",\n ") + "]";
  return JSON.stringify(value);
}

function formatNumber(x) {
  if (typeof x === "string") return x;
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(6)));
  return x.toExponential(4);
}

function formatValue(value) {
  if (value === null || value === undefined) return "";
  if (!Array.isArray(value)) return formatNumber(value);
  if (value.length && Array.isArray(value[0])) {
    const cells = value.map((r) => r.map(formatNumber));
    const width = Math.max(...cells.flat().map((c) => c.length));
    return cells.map((r) => r.map((c) => c.padStart(width)).join("  ")).join("\n");
  }
  return value.map(formatNumber).join("\n");
}

function cell(row, value, note) {
  const td = document.createElement("td");
  if (value !== null && value !== undefined) {
    const pre = document.createElement("pre");
    pre.textContent = formatValue(value);
    td.appendChild(pre);
  } else if (note) {
    const span = document.createElement("span");
    span.className = "note";
    span.textContent = note;
    td.appendChild(span);
  }
  row.appendChild(td);
  return td;
}

function differenceCell(row, difference, agree) {
  const td = document.createElement("td");
  if (difference !== undefined && difference !== null) {
    td.textContent = (agree ? "✓ " : "✗ ") + formatNumber(difference);
    td.className = agree ? "agree" : "disagree";
    td.dataset.agree = String(agree);
    td.title = agree ? "they agree" : "they differ";
  }
  row.appendChild(td);
}

function renderNumbers(result) {
  const table = document.createElement("table");
  table.className = "numbers";
  const head = document.createElement("tr");
  for (const title of ["", "interpreter", "compiled class", "largest difference", "finite differences", "largest difference"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = title;
    head.appendChild(th);
  }
  const thead = document.createElement("thead");
  thead.appendChild(head);
  const tbody = document.createElement("tbody");
  for (const q of result.quantities) {
    const row = document.createElement("tr");
    row.dataset.id = q.id;
    const th = document.createElement("th");
    th.scope = "row";
    const label = document.createElement("span");
    typeset(q.label.latex, label);
    label.querySelectorAll(".katex-display").forEach((e) => e.classList.remove("katex-display"));
    th.appendChild(label);
    row.appendChild(th);
    cell(row, q.interpreter, q.interpreterNote).className = "interpreter";
    cell(row, q.compiled, q.compiledNote).className = "compiled";
    differenceCell(row, q.difference, q.agree);
    cell(row, q.finiteDifferences, q.finiteDifferencesNote).className = "finite-differences";
    differenceCell(row, q.finiteDifferencesDifference, q.finiteDifferencesAgree);
    tbody.appendChild(row);
  }
  table.append(thead, tbody);
  const container = $("numbers-result");
  container.textContent = "";
  container.appendChild(table);
}

// ---- copying, theme, link -------------------------------------------------------------------

/** Copies text, and says so on the button that asked and to screen readers. */
async function copy(text, what, button) {
  let copied = true;
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // Without clipboard permission: the older way, through a selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    copied = document.execCommand("copy");
    area.remove();
  }
  const message = copied ? "Copied the " + what + " (" + text.split("\n").length + " lines)."
    : "Could not copy the " + what + ": select it and copy it by hand.";
  $("announce").textContent = message;
  if (button) {
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = copied ? "Copied ✓" : "Not copied";
    button.dataset.copied = String(copied);
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(() => { button.textContent = label; }, 2500);
  }
}

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  const button = $("theme");
  button.textContent = theme === "dark" ? "Light theme" : "Dark theme";
  button.setAttribute("aria-pressed", String(theme === "dark"));
}

function toggleTheme() {
  const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
  try { localStorage.setItem("chainrule-theme", next); } catch (e) { /* private mode */ }
  applyTheme(next);
}

function initialTheme() {
  let saved = null;
  try { saved = localStorage.getItem("chainrule-theme"); } catch (e) { /* private mode */ }
  if (saved === "dark" || saved === "light") return saved;
  return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

// ---- start ----------------------------------------------------------------------------------

function start() {
  applyTheme(initialTheme());
  writeInput(fromFragment(location.hash) || NEURON);
  for (const id of ["expression", "wrt", "declarations", "file"]) $(id).addEventListener("input", scheduleAnalysis);
  $("derivative").addEventListener("change", analyze);
  for (const id of ["mode-expression", "mode-file"]) {
    $(id).addEventListener("change", () => { showMode(); analyze(); });
  }
  window.addEventListener("hashchange", () => {
    const input = fromFragment(location.hash);
    if (input && fragment(input) !== fragment(readInput())) {
      writeInput(input);
      analyze();
    }
  });
  $("theme").addEventListener("click", toggleTheme);
  $("copy-link").addEventListener("click", () => {
    history.replaceState(null, "", fragment(readInput()));
    copy(location.href, "link", $("copy-link"));
  });
  $("copy-java").addEventListener("click", () => copy((currentFunction() || {}).java || "", "Java class", $("copy-java")));
  $("copy-calc").addEventListener("click", () => copy((currentFunction() || {}).calc || "", ".calc text", $("copy-calc")));
  $("random").addEventListener("click", () => evaluate(true));
  $("evaluate").addEventListener("click", () => evaluate(false));
  $("function").addEventListener("change", () => {
    renderJava(state.analysis);
    renderNumberFields(state.analysis);
  });
  $("numbers-section").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      evaluate(false);
    }
  });
  analyze();
}

document.addEventListener("DOMContentLoaded", start);
