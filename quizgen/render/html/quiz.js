// quizgen's self-test page. Every text of the question files is set with textContent (never as
// markup), so a prompt that reads "<script>" shows as typed. Nothing is fetched.
(function () {
  "use strict";

  // ---------------------------------------------------------------- typed answers
  // The rules of quizgen/answers.py, step by step in the same order; quizgen/answer_vectors.json
  // drives the tests of both (tests/test_answers.py, tests/test_html_browser.py).
  var QUOTES = "\u2018\u2019\u201a\u201b\u2032`\u00b4";
  var DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb";
  var DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";
  var SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var GROUPING = /(?<=[0-9])[, ](?=[0-9]{3}(?![0-9]))/g;
  var DECIMAL = /(?<=[0-9])([.,])(?=[0-9])/g;
  var KEEP = { ".": "\ue000", ",": "\ue001" };

  function straighten(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (QUOTES.indexOf(c) >= 0) c = "'";
      else if (DOUBLE.indexOf(c) >= 0) c = '"';
      else if (DASHES.indexOf(c) >= 0) c = "-";
      out += c;
    }
    return out;
  }

  function collapse(text) {
    return text.replace(SPACE, " ").trim();
  }

  function normaliseAnswer(text) {
    // Python's casefold() is toLowerCase() plus these two (for the letters a student may type)
    var s = text.normalize("NFKC").toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3");
    s = collapse(straighten(s));
    s = s.replace(GROUPING, "");
    s = s.replace(/[-/]/g, " ");
    s = s.replace(DECIMAL, function (m, mark) { return KEEP[mark]; });
    s = s.replace(/\p{P}/gu, "");
    s = s.replace(/\ue000/g, ".").replace(/\ue001/g, ",");
    s = collapse(s);
    return s.replace(/^(?:a|an|the) /, "");
  }

  function answerMatches(typed, accepted) {
    var wanted = normaliseAnswer(typed);
    if (!wanted) return false;
    for (var i = 0; i < accepted.length; i++) {
      if (normaliseAnswer(accepted[i]) === wanted) return true;
    }
    return false;
  }

  window.quizgen = { normaliseAnswer: normaliseAnswer, answerMatches: answerMatches };

  // ---------------------------------------------------------------- data and progress
  // set by useData: the page's data (a preview replaces it on every rebuild)
  var data, questions, byId, storageKey, state;
  var cards = {};

  function emptyState() {
    return { answers: {}, retry: null };
  }

  function loadState() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey) || "null");
      if (saved && typeof saved.answers === "object") {
        Object.keys(saved.answers).forEach(function (id) { if (!byId[id]) delete saved.answers[id]; });
        if (saved.retry) saved.retry = saved.retry.filter(function (id) { return byId[id]; });
        return saved;
      }
    } catch (error) {
      // storage blocked or unreadable: start afresh, keep nothing
    }
    return emptyState();
  }

  function saveState() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (error) {
      // storage full or blocked: progress lasts as long as the page
    }
  }

  // ---------------------------------------------------------------- small helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function letter(i) {
    return String.fromCharCode(65 + i);
  }

  function announce(text) {
    var region = document.getElementById("announce");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function keyView() {
    return document.body.classList.contains("key-view");
  }

  // ---------------------------------------------------------------- checking answers
  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var sorted = b.slice().sort();
    return a.slice().sort().every(function (v, i) { return v === sorted[i]; });
  }

  function isCorrect(q, response) {
    switch (q.type) {
      case "multiple_choice":
      case "true_false":
        return response === q.answers[0];
      case "multiple_select":
        return sameSet(response, q.answers);
      case "short_answer":
        return answerMatches(response, q.answers);
      case "cloze":
        return q.answers.every(function (fill, i) { return answerMatches(response[i] || "", [fill]); });
      case "matching":
        return q.pairs.every(function (pair, i) { return response[i] === pair[1]; });
      case "ordering":
        return q.answers.every(function (item, i) { return response[i] === item; });
    }
    return false;
  }

  // ---------------------------------------------------------------- one question
  function choiceList(q, multiple) {
    var list = el("div", { className: "choices" });
    q.choices.forEach(function (choice, i) {
      var id = "q" + q.number + "-c" + i;
      var input = el("input", { type: multiple ? "checkbox" : "radio", name: "q" + q.number, id: id, value: choice });
      list.appendChild(el("div", { className: "choice" }, [
        input,
        el("label", { "for": id }, [el("span", { className: "letter", text: letter(i) + "." }), " ", choice]),
      ]));
    });
    return list;
  }

  function clozeLine(q) {
    var line = el("p", { className: "cloze-text" });
    var parts = q.cloze.split(/\[\[(.+?)\]\]/);
    var blanks = q.answers.length;
    parts.forEach(function (part, i) {
      if (i % 2 === 0) {
        if (part) line.appendChild(document.createTextNode(part));
        return;
      }
      var n = (i - 1) / 2;
      line.appendChild(el("input", {
        type: "text", className: "blank", id: "q" + q.number + "-b" + n,
        "aria-label": "Blank " + (n + 1) + " of " + blanks, autocomplete: "off",
        autocapitalize: "off", spellcheck: "false", size: Math.max(6, Math.min(24, part.length + 2)),
      }));
    });
    return line;
  }

  function matchingRows(q) {
    var rows = el("div", { className: "matching" });
    q.pairs.forEach(function (pair, i) {
      var id = "q" + q.number + "-m" + i;
      var select = el("select", { id: id }, [el("option", { value: "", text: "Choose…" })]);
      q.choices.forEach(function (right, j) {
        select.appendChild(el("option", { value: String(j), text: letter(j) + ". " + right }));
      });
      rows.appendChild(el("div", { className: "match-row" }, [
        el("label", { "for": id, text: pair[0] }),
        select,
      ]));
    });
    return rows;
  }

  function orderingList(q, order) {
    var list = el("ol", { className: "ordering", "aria-label": "Items, in your order" });
    fillOrdering(q, list, order || q.choices.slice());
    return list;
  }

  function fillOrdering(q, list, order) {
    list.textContent = "";
    list.dataset.order = JSON.stringify(order);
    order.forEach(function (item, i) {
      var up = el("button", { type: "button", className: "move", "data-move": "-1", "data-index": i, "aria-label": "Move “" + item + "” up", text: "↑" });
      var down = el("button", { type: "button", className: "move", "data-move": "1", "data-index": i, "aria-label": "Move “" + item + "” down", text: "↓" });
      if (i === 0) up.disabled = true;
      if (i === order.length - 1) down.disabled = true;
      list.appendChild(el("li", {}, [el("span", { className: "item", text: item }), el("span", { className: "moves" }, [up, down])]));
    });
  }

  function moveItem(q, list, index, step) {
    var order = JSON.parse(list.dataset.order);
    var target = index + step;
    if (target < 0 || target >= order.length) return;
    var item = order.splice(index, 1)[0];
    order.splice(target, 0, item);
    fillOrdering(q, list, order);
    var buttons = list.querySelectorAll("li")[target].querySelectorAll("button");
    var again = buttons[step < 0 ? 0 : 1];
    (again.disabled ? buttons[step < 0 ? 1 : 0] : again).focus();
    announce("“" + item + "” is now " + (target + 1) + " of " + order.length + ".");
  }

  function controlsFor(q) {
    switch (q.type) {
      case "multiple_choice":
      case "true_false":
        return choiceList(q, false);
      case "multiple_select":
        return choiceList(q, true);
      case "short_answer":
        var id = "q" + q.number + "-answer";
        return el("div", { className: "typed" }, [
          el("label", { "for": id, text: "Your answer" }),
          el("input", { type: "text", id: id, autocomplete: "off", autocapitalize: "off", spellcheck: "false" }),
        ]);
      case "cloze":
        return clozeLine(q);
      case "matching":
        return matchingRows(q);
      case "ordering":
        return orderingList(q);
    }
    return el("p", { text: "This kind of question cannot be answered here." });
  }

  function readResponse(q, card) {
    var form = card.querySelector("form");
    switch (q.type) {
      case "multiple_choice":
      case "true_false":
        var picked = form.querySelector("input:checked");
        return picked ? picked.value : null;
      case "multiple_select":
        return Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return i.value; });
      case "short_answer":
        return form.querySelector("input").value;
      case "cloze":
        return Array.prototype.map.call(form.querySelectorAll("input.blank"), function (i) { return i.value; });
      case "matching":
        return Array.prototype.map.call(form.querySelectorAll("select"), function (s) {
          return s.value === "" ? null : q.choices[Number(s.value)];
        });
      case "ordering":
        return JSON.parse(form.querySelector("ol").dataset.order);
    }
    return null;
  }

  function missing(q, response) {
    switch (q.type) {
      case "multiple_choice":
      case "true_false":
        return response === null ? "Choose an answer first." : "";
      case "multiple_select":
        return response.length ? "" : "Tick at least one answer first.";
      case "short_answer":
        return response.trim() ? "" : "Type an answer first.";
      case "cloze":
        return response.some(function (v) { return v.trim(); }) ? "" : "Fill in the blanks first.";
      case "matching":
        return response.some(function (v) { return v !== null; }) ? "" : "Choose a match first.";
    }
    return "";
  }

  function showResponse(q, card, response) {
    var form = card.querySelector("form");
    switch (q.type) {
      case "multiple_choice":
      case "true_false":
      case "multiple_select":
        var chosen = [].concat(response);
        form.querySelectorAll("input").forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
        break;
      case "short_answer":
        form.querySelector("input").value = response;
        break;
      case "cloze":
        form.querySelectorAll("input.blank").forEach(function (input, i) { input.value = response[i] || ""; });
        break;
      case "matching":
        form.querySelectorAll("select").forEach(function (select, i) {
          var index = q.choices.indexOf(response[i]);
          select.value = index < 0 ? "" : String(index);
        });
        break;
      case "ordering":
        fillOrdering(q, form.querySelector("ol"), response);
        break;
    }
  }

  function setLocked(card, locked) {
    card.querySelectorAll("form input, form select, form button").forEach(function (control) {
      if (locked) control.disabled = true;
      else if (!control.classList.contains("move")) control.disabled = false;
    });
    if (!locked) {
      var list = card.querySelector("ol.ordering");
      if (list) fillOrdering(byId[card.dataset.id], list, JSON.parse(list.dataset.order));
    }
  }

  function answerText(q) {
    switch (q.type) {
      case "multiple_choice":
      case "true_false":
        return [el("span", { text: q.answers[0] })];
      case "multiple_select":
        return [el("span", { text: q.answers.join(data.separator) })];
      case "short_answer":
        var nodes = [el("span", { text: q.answers[0] })];
        if (q.answers.length > 1) nodes.push(el("span", { className: "also", text: " (also accepted: " + q.answers.slice(1).join(data.separator) + ")" }));
        return nodes;
      case "cloze":
        var line = el("span");
        q.cloze.split(/\[\[(.+?)\]\]/).forEach(function (part, i) {
          line.appendChild(i % 2 ? el("mark", { text: part }) : document.createTextNode(part));
        });
        return [line];
      case "matching":
        return [el("ul", { className: "pairs" }, q.pairs.map(function (pair) { return el("li", { text: pair[0] + " → " + pair[1] }); }))];
      case "ordering":
        return [el("ol", { className: "right-order" }, q.answers.map(function (item) { return el("li", { text: item }); }))];
    }
    return [];
  }

  function feedbackFor(q, verdict) {
    var box = el("div", { className: "feedback", tabindex: "-1", id: "q" + q.number + "-feedback" });
    if (verdict !== null) {
      box.appendChild(el("p", { className: "verdict " + (verdict ? "right" : "wrong"), text: verdict ? "✓ Correct" : "✗ Not quite" }));
      box.classList.add(verdict ? "is-right" : "is-wrong");
    }
    box.appendChild(el("div", { className: "answer" }, [el("strong", { text: "Answer: " })].concat(answerText(q))));
    if (q.explanation) box.appendChild(el("p", { className: "explanation" }, [el("strong", { text: "Why: " }), q.explanation]));
    if (q.evidence.length) {
      var quote = el("blockquote", { className: "evidence" });
      q.evidence.forEach(function (passage) { quote.appendChild(el("p", { text: "“" + passage + "”" })); });
      box.appendChild(el("div", { className: "evidence-box" }, [el("strong", { text: "Evidence:" }), quote, el("p", { className: "citation", text: "— " + data.citation })]));
    }
    return box;
  }

  function renderCard(q) {
    var meta = [data.types[q.type]];
    if (q.topic) meta.push(q.topic);
    if (q.level) meta.push("level:\u00a0" + q.level); // no break inside "level: understand"
    if (q.points !== null) meta.push(q.points + (q.points === 1 ? " point" : " points"));
    var titleId = "q" + q.number + "-title";
    var promptId = "q" + q.number + "-prompt";
    var fieldset = el("fieldset", {}, [
      el("legend", { className: "prompt", id: promptId, text: q.type === "cloze" ? "Fill in the blanks:" : q.prompt }),
    ]);
    if (q.image) fieldset.appendChild(el("img", { src: q.image, alt: "Picture for question " + q.number, className: "picture" }));
    fieldset.appendChild(controlsFor(q));
    var form = el("form", { className: "answer-form", novalidate: true, "aria-labelledby": titleId }, [
      fieldset,
      el("div", { className: "actions" }, [
        el("button", { type: "submit", className: "check", text: "Check answer" }),
        el("span", { className: "hint", role: "status" }),
      ]),
    ]);
    var card = el("article", { className: "question", id: "q" + q.number, "data-id": q.id, "data-type": q.type, "aria-labelledby": titleId }, [
      el("h2", { id: titleId }, [el("span", { className: "number", text: "Question " + q.number }), el("span", { className: "meta", text: meta.join(" · ") })]),
      form,
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(q, card);
    });
    form.addEventListener("keydown", function (event) {
      // on an option, its letter picks (or, for several answers, ticks) that option
      var target = event.target;
      if (!target.matches("input[type=radio], input[type=checkbox]") || event.altKey || event.ctrlKey || event.metaKey) return;
      var index = event.key.length === 1 ? event.key.toUpperCase().charCodeAt(0) - 65 : -1;
      var option = index >= 0 ? form.querySelector("#q" + q.number + "-c" + index) : null;
      if (!option || option.disabled) return;
      event.preventDefault();
      option.focus();
      option.checked = option.type === "radio" ? true : !option.checked;
    });
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button.move");
      if (button && !button.disabled) moveItem(q, form.querySelector("ol"), Number(button.dataset.index), Number(button.dataset.move));
    });
    return card;
  }

  function showAnswered(q, card, answer, focus) {
    showResponse(q, card, answer.response);
    setLocked(card, true);
    card.querySelector(".actions").hidden = true;
    var old = card.querySelector(".feedback");
    if (old) old.remove();
    var box = feedbackFor(q, answer.correct);
    card.appendChild(box);
    card.classList.add(answer.correct ? "is-right" : "is-wrong");
    if (focus) box.focus();
  }

  function check(q, card) {
    var response = readResponse(q, card);
    var need = missing(q, response);
    var hint = card.querySelector(".hint");
    if (need) {
      hint.textContent = need;
      return;
    }
    hint.textContent = "";
    var answer = { response: response, correct: isCorrect(q, response) };
    state.answers[q.id] = answer;
    saveState();
    showAnswered(q, card, answer, true);
    updateScore();
    announce("Question " + q.number + ": " + (answer.correct ? "correct. " : "not quite. ") + scoreText());
  }

  // ---------------------------------------------------------------- the page
  function scoreText() {
    var answered = 0, right = 0;
    questions.forEach(function (q) {
      var a = state.answers[q.id];
      if (a) { answered += 1; if (a.correct) right += 1; }
    });
    var percent = questions.length ? Math.floor((100 * right) / questions.length) : 0;
    return "Score: " + right + " of " + questions.length + " correct (" + percent + " %), " + answered + " answered.";
  }

  function missedIds() {
    return questions.filter(function (q) { var a = state.answers[q.id]; return a && !a.correct; }).map(function (q) { return q.id; });
  }

  function updateScore() {
    document.getElementById("score").textContent = scoreText();
    var missed = missedIds().length;
    var retry = document.getElementById("retry");
    retry.textContent = "Retry the ones I missed (" + missed + ")";
    retry.disabled = missed === 0;
  }

  function visible(q) {
    var topic = document.getElementById("filter-topic").value;
    var tag = document.getElementById("filter-tag").value;
    var level = document.getElementById("filter-level").value;
    if (topic && q.topic !== topic) return false;
    if (tag && q.tags.indexOf(tag) < 0) return false;
    if (level && q.level !== level) return false;
    if (state.retry && state.retry.indexOf(q.id) < 0) return false;
    return true;
  }

  function applyFilters() {
    var shown = 0;
    questions.forEach(function (q) {
      var show = visible(q);
      cards[q.id].hidden = !show;
      if (show) shown += 1;
    });
    var text = state.retry
      ? "Retrying " + shown + " question" + (shown === 1 ? "" : "s") + " you missed."
      : "Showing " + shown + " of " + questions.length + " questions.";
    document.getElementById("showing").textContent = text;
    document.getElementById("show-all").hidden = !state.retry;
    return shown;
  }

  function renderAll() {
    var main = document.getElementById("questions");
    main.querySelectorAll("article.question").forEach(function (card) { card.remove(); });
    cards = {};
    var all = document.createDocumentFragment();
    questions.forEach(function (q) {
      var card = renderCard(q);
      cards[q.id] = card;
      all.appendChild(card);
      var answer = state.answers[q.id];
      if (keyView()) {
        setLocked(card, true);
        card.querySelector(".actions").hidden = true;
        card.appendChild(feedbackFor(q, null));
      } else if (answer) {
        showAnswered(q, card, answer, false);
      }
    });
    main.appendChild(all);
    applyFilters();
    updateScore();
  }

  function fillFilter(id, values) {
    var select = document.getElementById(id);
    var chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (value) { select.appendChild(el("option", { value: value, text: value })); });
    select.value = values.indexOf(chosen) >= 0 ? chosen : "";
    select.closest(".filter").hidden = values.length < 2;
  }

  function unique(values) {
    var seen = [];
    values.forEach(function (v) { if (v && seen.indexOf(v) < 0) seen.push(v); });
    return seen;
  }

  function retryMissed() {
    var missed = missedIds();
    if (!missed.length) return;
    missed.forEach(function (id) { delete state.answers[id]; });
    state.retry = missed;
    saveState();
    renderAll();
    announce("Retrying the " + missed.length + " questions you missed.");
    document.getElementById("questions").focus();
  }

  function showAll() {
    state.retry = null;
    saveState();
    applyFilters();
    announce("Showing every question.");
  }

  function startOver() {
    state = emptyState();
    try { window.localStorage.removeItem(storageKey); } catch (error) { /* nothing was kept */ }
    renderAll();
    announce("Progress cleared: every question is unanswered.");
    document.getElementById("questions").focus();
  }

  function setKeyView(on) {
    document.body.classList.toggle("key-view", on);
    var toggle = document.getElementById("key-toggle");
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = on ? "Key view (answers shown)" : "Key view";
    var url = window.location.pathname + window.location.search + (on ? "#key" : "");
    if (window.location.hash !== (on ? "#key" : "")) window.history.replaceState(null, "", url);
    renderAll();
  }

  function showProblems(problems) {
    var box = document.getElementById("problems");
    box.hidden = problems.length === 0;
    box.querySelector("p").textContent = questions.length
      ? "The page below is the last version that built."
      : "No version of this set has built yet.";
    var list = document.getElementById("problem-list");
    list.textContent = "";
    problems.forEach(function (line) { list.appendChild(el("li", {}, [el("code", { text: line })])); });
  }

  function listenForRebuilds(events) {
    // each rebuild sends the page's new data: drawn in place, no reload
    var source = new window.EventSource(events);
    source.addEventListener("message", function (event) {
      var update = JSON.parse(event.data);
      if (update.version === data.preview.version) return;
      useData(update.data);
      renderAll();
    });
  }

  function useData(next) {
    data = next;
    questions = data.questions;
    byId = {};
    questions.forEach(function (q, i) { q.number = i + 1; byId[q.id] = q; });
    storageKey = "quizgen:" + data.set + ":" + (data.form || "-") + ":" + data.hash;
    state = loadState();
    document.title = data.heading;
    document.getElementById("title").textContent = data.heading;
    document.getElementById("description").textContent = data.description || "";
    document.getElementById("source").textContent = data.citation ? "Source: " + data.citation : "";
    document.getElementById("footer-source").textContent = data.citation;
    document.querySelector(".toolbar").hidden = questions.length === 0;
    fillFilter("filter-topic", unique(questions.map(function (q) { return q.topic; })));
    var tags = [];
    questions.forEach(function (q) { tags = tags.concat(q.tags); });
    fillFilter("filter-tag", unique(tags).sort());
    var levels = questions.map(function (q) { return q.level; });
    fillFilter("filter-level", data.levels.filter(function (level) { return levels.indexOf(level) >= 0; }));
    if (data.preview) showProblems(data.preview.problems);
  }

  function start() {
    useData(JSON.parse(document.getElementById("quiz-data").textContent));
    ["filter-topic", "filter-tag", "filter-level"].forEach(function (id) {
      document.getElementById(id).addEventListener("change", function () {
        var shown = applyFilters();
        announce("Showing " + shown + " questions.");
      });
    });
    document.getElementById("retry").addEventListener("click", retryMissed);
    document.getElementById("show-all").addEventListener("click", showAll);
    document.getElementById("start-over").addEventListener("click", startOver);
    var toggle = document.getElementById("key-toggle");
    toggle.addEventListener("click", function () { setKeyView(!keyView()); });
    var wantKey = window.location.hash === "#key";
    toggle.hidden = !(data.preview || wantKey);
    if (data.preview) listenForRebuilds(data.preview.events);
    if (wantKey) setKeyView(true);
    else renderAll();
  }

  start();
})();
