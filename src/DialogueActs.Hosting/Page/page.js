// The DialogueActs page: tags a pasted transcript through POST v1/tag/batch, tags a live conversation through
// v1/sessions when the model is causal, and shows the model's card from GET v1/model. It calls only the public HTTP
// API, with URLs relative to the page.
(function () {
  "use strict";
  var model = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else if (key === "className") node.className = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return node;
  }
  function percent(p) { return (100 * p).toFixed(1) + "%"; }
  function showError(box, message) { box.textContent = message; box.hidden = !message; }

  // Calls the API; resolves with the JSON answer (null for 204), rejects with the problem's one-line detail.
  function api(method, url, body) {
    var init = { method: method, headers: { Accept: "application/json" } };
    if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (response) {
      if (response.status === 204) return null;
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!response.ok) throw new Error((json && (json.detail || json.title)) || ("HTTP " + response.status));
        return json;
      });
    });
  }

  // A label's glossary name: from the answer itself, else from the model card, where either has one.
  function nameOf(label, entry) {
    if (entry && entry.name) return entry.name;
    if (model && model.labelNames && model.labelNames[label]) return model.labelNames[label];
    return "";
  }

  // ---- the transcript ------------------------------------------------------------------------------------------

  function detect(text) {
    var first = text.split(/\r?\n/).filter(function (l) { return l.trim(); })[0] || "";
    if (/^\s*[{[]/.test(first)) return "jsonl";
    if (/,/.test(first) && /(^|,)\s*"?(text|utterance)"?\s*(,|$)/i.test(first)) return "csv";
    return "lines";
  }

  function parseLines(text) {
    var utterances = [];
    text.split(/\r?\n/).forEach(function (line) {
      if (!line.trim()) return;
      var match = /^\s*([^:]{1,40}?)\s*:\s?(.*)$/.exec(line);
      utterances.push(match ? { speaker: match[1], text: match[2] } : { text: line.trim() });
    });
    if (!utterances.length) throw new Error("the transcript is empty");
    return [{ id: "transcript", utterances: utterances }];
  }

  // RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
  function csvRows(text) {
    var rows = [], row = [], field = "", quoted = false, i = 0;
    for (; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"') { if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false; }
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); field = "";
        if (row.length > 1 || row[0] !== "") rows.push(row);
        row = [];
      } else field += c;
    }
    if (quoted) throw new Error("CSV: a quoted field is not closed");
    row.push(field);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    return rows;
  }

  function parseCsv(text) {
    var rows = csvRows(text);
    if (rows.length < 2) throw new Error("CSV: a header row and at least one utterance are needed");
    var header = rows[0].map(function (h) { return h.trim().toLowerCase(); });
    function column(names) { for (var i = 0; i < names.length; i++) { var k = header.indexOf(names[i]); if (k >= 0) return k; } return -1; }
    var textColumn = column(["text", "utterance"]);
    if (textColumn < 0) throw new Error("CSV: the header needs a 'text' column");
    var speakerColumn = column(["speaker", "caller"]);
    var conversationColumn = column(["conversation_id", "conversation", "dialogue_id", "id"]);
    var conversations = [], byId = {};
    rows.slice(1).forEach(function (row, r) {
      if (row.length !== header.length) throw new Error("CSV line " + (r + 2) + ": " + row.length + " fields, the header has " + header.length);
      var id = conversationColumn >= 0 ? row[conversationColumn] : "transcript";
      if (!byId[id]) { byId[id] = { id: id, utterances: [] }; conversations.push(byId[id]); }
      var utterance = { text: row[textColumn] };
      if (speakerColumn >= 0 && row[speakerColumn] !== "") utterance.speaker = row[speakerColumn];
      byId[id].utterances.push(utterance);
    });
    return conversations;
  }

  function parseJsonl(text) {
    var conversations = [];
    text.split(/\r?\n/).forEach(function (line, n) {
      if (!line.trim()) return;
      var value;
      try { value = JSON.parse(line); } catch (e) { throw new Error("JSONL line " + (n + 1) + ": not valid JSON"); }
      (Array.isArray(value) ? value : [value]).forEach(function (c) {
        var copy = { id: c.id !== undefined && c.id !== null ? String(c.id) : "conversation-" + (conversations.length + 1), utterances: c.utterances };
        conversations.push(copy);
      });
    });
    if (!conversations.length) throw new Error("the transcript is empty");
    return conversations;
  }

  function utteranceItem(u, index) {
    var item = el("li", { className: "utterance", "data-index": String(index) });
    item.appendChild(el("div", { className: "text" }, [
      el("span", { className: "index", text: "#" + (index + 1) }),
      u.speaker ? el("span", { className: "speaker", text: u.speaker + ":" }) : null,
      u.text === "" ? el("em", { className: "muted", text: "(empty)" }) : document.createTextNode(u.text),
    ]));
    item.appendChild(el("div", { className: "act" }));
    item.appendChild(el("div", { className: "top3" }));
    return item;
  }

  // Shows an utterance's label, name, confidence bar and (when given) its top labels.
  function setAct(item, label, confidence, entry, top) {
    item.setAttribute("data-label", label);
    var act = item.querySelector(".act");
    act.textContent = "";
    var name = nameOf(label, entry);
    act.appendChild(el("span", { className: "label", text: label }));
    if (name) act.appendChild(el("span", { className: "name", text: name }));
    var bar = el("span", { className: "bar", role: "img", "aria-label": "confidence " + percent(confidence) });
    var fill = el("span");
    fill.style.width = (100 * confidence).toFixed(1) + "%";
    bar.appendChild(fill);
    act.appendChild(bar);
    act.appendChild(el("span", { className: "confidence", text: percent(confidence) }));
    if (top) {
      var list = item.querySelector(".top3");
      list.textContent = "";
      list.appendChild(document.createTextNode("top: "));
      top.slice(0, 3).forEach(function (t) {
        var tName = nameOf(t.label, t);
        list.appendChild(el("span", { title: tName, text: t.label + " " + percent(t.probability) }));
      });
    }
  }

  function tagTranscript(event) {
    event.preventDefault();
    var errorBox = $("tag-error"), results = $("results");
    showError(errorBox, "");
    var text = $("transcript").value;
    var format = $("format").value === "auto" ? detect(text) : $("format").value;
    $("detected").textContent = "read as " + { lines: "A: text lines", csv: "CSV", jsonl: "JSONL" }[format];
    var conversations;
    try {
      conversations = format === "csv" ? parseCsv(text) : format === "jsonl" ? parseJsonl(text) : parseLines(text);
    } catch (e) {
      showError(errorBox, e.message);
      return;
    }
    $("tag-button").disabled = true;
    results.setAttribute("aria-busy", "true");
    api("POST", "v1/tag/batch", { conversations: conversations }).then(function (answer) {
      results.textContent = "";
      answer.conversations.forEach(function (c) {
        if (answer.conversations.length > 1) results.appendChild(el("h3", { text: "Conversation " + c.id }));
        var list = el("ol", { className: "utterances", "data-conversation": c.id });
        c.utterances.forEach(function (u, i) {
          var item = utteranceItem(u, i);
          setAct(item, u.label, u.confidence, u, u.top);
          list.appendChild(item);
        });
        results.appendChild(list);
      });
    }).catch(function (e) {
      showError(errorBox, e.message);
    }).then(function () {
      $("tag-button").disabled = false;
      results.removeAttribute("aria-busy");
    });
  }

  // ---- the live conversation -----------------------------------------------------------------------------------

  var session = null;

  function setLive(open) {
    $("live-start").disabled = open;
    $("lag").disabled = open;
    $("live-end").disabled = !open;
    $("live-text").disabled = !open;
    $("live-send").disabled = !open;
  }

  function applyRevisions(revised) {
    revised.forEach(function (r) {
      var item = $("live-log").querySelector('li[data-index="' + r.index + '"]');
      if (!item) return;
      var before = item.getAttribute("data-label");
      setAct(item, r.label, r.confidence, r, null);
      item.classList.add("revised");
      item.setAttribute("data-revised", "true");
      var note = item.querySelector(".revision") || item.appendChild(el("div", { className: "revision" }));
      note.textContent = "revised from " + before + " to " + r.label;
    });
    if (revised.length) $("live-status").textContent = revised.length + " earlier label" + (revised.length === 1 ? "" : "s") + " revised";
  }

  function startSession() {
    showError($("live-error"), "");
    var lag = parseInt($("lag").value, 10);
    api("POST", "v1/sessions", { lag: lag }).then(function (answer) {
      // Utterances go to the session one after another, in the order they were typed.
      session = { id: answer.id, queue: Promise.resolve() };
      $("live-log").textContent = "";
      setLive(true);
      $("live-status").textContent = "session open, lag " + answer.lag;
      $("live-text").focus();
    }).catch(function (e) { showError($("live-error"), e.message); });
  }

  function sendUtterance(event) {
    event.preventDefault();
    if (!session) return;
    showError($("live-error"), "");
    var input = $("live-text");
    var speaker = document.querySelector('input[name="speaker"]:checked').value;
    var text = input.value;
    // Numbered by the session's answer: an utterance the server refuses takes no index.
    var item = utteranceItem({ speaker: speaker, text: text }, -1);
    item.querySelector(".index").textContent = "…";
    $("live-log").appendChild(item);
    input.value = "";
    // The other speaker is likely next.
    var other = document.querySelector('input[name="speaker"][value="' + (speaker === "A" ? "B" : "A") + '"]');
    if (other) other.checked = true;
    var current = session;
    current.queue = current.queue.then(function () {
      return api("POST", "v1/sessions/" + encodeURIComponent(current.id) + "/utterances", { speaker: speaker, text: text });
    }).then(function (answer) {
      item.setAttribute("data-index", String(answer.index));
      item.querySelector(".index").textContent = "#" + (answer.index + 1);
      setAct(item, answer.label, answer.confidence, answer, answer.top);
      applyRevisions(answer.revised);
    }).catch(function (e) {
      item.remove();
      showError($("live-error"), e.message);
    });
    input.focus();
  }

  function endSession() {
    if (!session) return;
    var current = session;
    current.queue.then(function () {
      return api("POST", "v1/sessions/" + encodeURIComponent(current.id) + "/end");
    }).then(function (answer) {
      applyRevisions(answer.revised);
      $("live-status").textContent = "session ended" + (answer.revised.length ? ", " + answer.revised.length + " label(s) revised at the end" : "");
    }).catch(function (e) { showError($("live-error"), e.message); }).then(function () {
      session = null;
      setLive(false);
      $("live-start").focus();
    });
  }

  // ---- the model card ------------------------------------------------------------------------------------------

  function card(m) {
    var box = $("card");
    box.textContent = "";
    var meta = m.metadata || {};
    var rows = [
      ["labels", m.labels.length],
      ["live tagging", m.streaming ? "yes (causal model)" : "no (bidirectional model)"],
      ["top labels per utterance", m.topK],
      ["trained", meta.createdUtc ? meta.createdUtc.replace("T", " ").replace(/\.\d+/, "") : ""],
      ["training data", meta.trainUtterances ? meta.trainUtterances.toLocaleString("en") + " utterances in " + meta.trainConversations.toLocaleString("en") + " conversations" : ""],
      ["epoch", meta.epoch ? meta.epoch + " of " + meta.epochsCompleted : ""],
      ["valid accuracy", typeof meta.validAccuracy === "number" ? percent(meta.validAccuracy) : "not measured"],
      ["valid macro-F1", typeof meta.validMacroF1 === "number" ? percent(meta.validMacroF1) : ""],
      ["tool version", meta.toolVersion],
      ["corpus SHA-256", meta.corpusSha256],
    ];
    if (typeof m.temperature === "number") rows.push(["calibration", "temperature " + m.temperature.toFixed(3) + (m.temperature === 1 ? " (confidences as the CRF gives them)" : "")]);
    var list = el("dl", { className: "card" });
    rows.forEach(function (r) {
      if (r[1] === "" || r[1] === undefined || r[1] === null) return;
      list.appendChild(el("dt", { text: r[0] }));
      list.appendChild(el("dd", { text: String(r[1]) }));
    });
    box.appendChild(list);
    box.appendChild(el("h3", { text: "Labels" }));
    var labels = el("ul", { className: "labels", id: "card-labels" });
    m.labels.forEach(function (l) {
      var name = nameOf(l);
      labels.appendChild(el("li", { title: name || l }, [el("strong", { text: l }), name ? " " + name : null]));
    });
    box.appendChild(labels);
    // Whatever else the model answers (its config, its calibration), as it comes.
    Object.keys(m).filter(function (k) { return ["labels", "topK", "streaming", "metadata", "labelNames", "temperature"].indexOf(k) < 0; }).forEach(function (k) {
      var details = el("details", {}, [el("summary", { text: k }), el("pre", { text: JSON.stringify(m[k], null, 2) })]);
      box.appendChild(details);
    });
  }

  function loadModel() {
    api("GET", "v1/model").then(function (m) {
      model = m;
      var accuracy = m.metadata && typeof m.metadata.validAccuracy === "number" ? ", valid accuracy " + percent(m.metadata.validAccuracy) : "";
      $("model-line").textContent = model.labels.length + " dialogue acts" + accuracy + (m.streaming ? "; tags live conversations" : "");
      card(model);
      if (m.streaming) {
        var lag = $("lag");
        var max = Math.min(m.limits ? m.limits.maxSessionLag : 4, 8);
        for (var k = 0; k <= max; k++) lag.appendChild(el("option", { value: String(k), text: String(k) }));
        lag.value = String(Math.min(2, max));
        $("live").hidden = false;
      } else {
        $("live-unavailable").hidden = false;
      }
    }).catch(function (e) {
      $("model-line").textContent = "The model could not be read: " + e.message;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("tag-form").addEventListener("submit", tagTranscript);
    $("transcript").addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) tagTranscript(e);   // Ctrl+Enter tags from the text area
    });
    $("live-start").addEventListener("click", startSession);
    $("live-end").addEventListener("click", endSession);
    $("live-form").addEventListener("submit", sendUtterance);
    loadModel();
  });
})();
