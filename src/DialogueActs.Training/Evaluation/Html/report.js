// report.html: renders the evaluation embedded in #report-data (report.json, the misclassified utterances of
// errors.jsonl, where the report comes from and the validation curve) with no network access.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var report = data.report;
  var labels = report.labels;
  var percent = function (x) { return (100 * x).toFixed(1) + "%"; };
  var fixed = function (x) { return x.toFixed(3); };

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else if (key === "className") node.className = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // A label's glossary name, where the report has one (per_class[label].name, or a names map).
  function nameOf(label) {
    var entry = report.per_class[label];
    return (entry && entry.name) || (report.names && report.names[label]) || "";
  }

  function summary() {
    var mode = report.mode === "online" ? "online, lag " + report.lag : (report.mode || "offline");
    var items = [
      ["accuracy", percent(report.accuracy)],
      ["macro-F1", percent(report.macro_f1)],
      ["weighted-F1", percent(report.weighted_f1)],
      ["utterances", report.n_utterances],
      ["conversations", report.n_conversations],
      ["mode", mode],
    ];
    var list = document.getElementById("summary");
    items.forEach(function (item) {
      list.appendChild(el("div", {}, [el("dt", { text: item[0] }), el("dd", { text: String(item[1]) })]));
    });
    var source = document.getElementById("source");
    [["model", data.details.model], ["data", data.details.data], ["date", data.details.created]].forEach(function (item) {
      if (item[1] === null || item[1] === undefined || item[1] === "") return;
      source.appendChild(el("dt", { text: item[0] }));
      source.appendChild(el("dd", { text: String(item[1]) }));
    });
  }

  function classTable() {
    var table = document.getElementById("classes");
    var rows = labels.filter(function (l) { return report.per_class[l]; }).map(function (l) {
      var m = report.per_class[l];
      return { label: l, name: nameOf(l), precision: m.precision, recall: m.recall, f1: m.f1, support: m.support };
    });
    var hasNames = rows.some(function (r) { return r.name; });
    var columns = [["label", "Label", "text"]]
      .concat(hasNames ? [["name", "Name", "text"]] : [])
      .concat([["precision", "Precision", "number"], ["recall", "Recall", "number"], ["f1", "F1", "number"], ["support", "Support", "number"]]);
    var sort = { key: "support", descending: true };
    var head = el("thead"), body = el("tbody"), foot = el("tfoot");
    var headRow = el("tr");
    columns.forEach(function (column) {
      var button = el("button", { type: "button", text: column[1], "data-key": column[0] });
      button.addEventListener("click", function () {
        sort = { key: column[0], descending: sort.key === column[0] ? !sort.descending : column[2] === "number" };
        render();
      });
      headRow.appendChild(el("th", { scope: "col" }, [button]));
    });
    head.appendChild(headRow);
    [["macro avg", "macro avg"], ["weighted avg", "weighted avg"]].forEach(function (average) {
      var m = report.per_class[average[0]];
      if (!m) return;
      var cells = [el("td", { text: average[1] })].concat(hasNames ? [el("td")] : [])
        .concat([fixed(m.precision), fixed(m.recall), fixed(m.f1), String(m.support)].map(function (t) { return el("td", { text: t }); }));
      foot.appendChild(el("tr", {}, cells));
    });
    table.appendChild(head); table.appendChild(body); table.appendChild(foot);

    function render() {
      rows.sort(function (a, b) {
        var x = a[sort.key], y = b[sort.key];
        var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
        if (order === 0) order = a.label.localeCompare(b.label);
        return sort.descending ? -order : order;
      });
      Array.prototype.forEach.call(headRow.children, function (th) {
        var key = th.firstChild.getAttribute("data-key");
        if (key === sort.key) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      body.textContent = "";
      rows.forEach(function (r) {
        var cells = [el("th", { scope: "row", text: r.label })]
          .concat(hasNames ? [el("td", { className: "name", text: r.name })] : [])
          .concat([fixed(r.precision), fixed(r.recall), fixed(r.f1), String(r.support)].map(function (t) { return el("td", { text: t }); }));
        body.appendChild(el("tr", { "data-label": r.label }, cells));
      });
    }
    render();
  }

  function confusion() {
    var table = document.getElementById("confusion");
    var matrix = report.confusion_matrix;
    var errorsBy = {};
    (data.errors || []).forEach(function (e) { (errorsBy[e.gold + "\u0000" + e.predicted] = errorsBy[e.gold + "\u0000" + e.predicted] || []).push(e); });
    var head = el("tr", {}, [el("th", { className: "axis", scope: "col", text: "gold \\ predicted" })]);
    labels.forEach(function (l) { head.appendChild(el("th", { scope: "col", title: nameOf(l) || l, text: l })); });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody");
    var selected = null;
    labels.forEach(function (gold, g) {
      var total = matrix[g].reduce(function (a, b) { return a + b; }, 0);
      var row = el("tr", {}, [el("th", { scope: "row", title: nameOf(gold) || gold, text: gold })]);
      labels.forEach(function (predicted, p) {
        var count = matrix[g][p];
        var share = total ? count / total : 0;
        var cell = el("td", { "data-gold": gold, "data-predicted": predicted, "data-count": String(count) });
        if (count > 0) {
          cell.style.backgroundColor = "rgba(" + (g === p ? "36,130,80" : "200,60,50") + "," + (0.08 + 0.92 * share).toFixed(3) + ")";
          if (share > 0.55) cell.style.color = "#fff";
        }
        var description = gold + " predicted as " + predicted + ": " + count + " (" + percent(share) + " of " + gold + ")";
        if (g !== p && count > 0) {
          var button = el("button", { type: "button", "aria-label": description, title: description, text: String(count) });
          button.addEventListener("click", function () {
            if (selected) selected.classList.remove("selected");
            selected = cell; cell.classList.add("selected");
            showErrors(gold, predicted, count, errorsBy[gold + "\u0000" + predicted] || []);
          });
          cell.appendChild(button);
        } else {
          cell.appendChild(el("span", { title: description, text: count ? String(count) : "" }));
        }
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
  }

  function showErrors(gold, predicted, count, errors) {
    var box = document.getElementById("errors");
    box.textContent = "";
    var title = gold + (nameOf(gold) ? " (" + nameOf(gold) + ")" : "") + " predicted as " + predicted + (nameOf(predicted) ? " (" + nameOf(predicted) + ")" : "");
    box.appendChild(el("h3", { text: title + ": " + count + " utterance" + (count === 1 ? "" : "s") }));
    if (errors.length === 0) { box.appendChild(el("p", { text: "This report holds no utterance texts for this cell." })); box.focus(); return; }
    var sorted = errors.slice().sort(function (a, b) { return b.confidence - a.confidence; });
    var list = el("ol");
    sorted.forEach(function (e) {
      var lines = e.before.map(function (b) {
        return el("div", { className: "context" }, [document.createTextNode((b.speaker ? b.speaker + ": " : "") + b.text), el("span", { className: "tag", text: b.gold })]);
      });
      lines.push(el("div", { className: "utterance" }, [document.createTextNode((e.speaker ? e.speaker + ": " : "") + (e.text || "(empty)")),
        el("span", { className: "tag", text: "gold " + e.gold }), el("span", { className: "tag", text: "predicted " + e.predicted + " " + percent(e.confidence) })]));
      lines.push(el("div", { className: "where", text: "conversation " + e.conversation_id + ", utterance " + e.index }));
      list.appendChild(el("li", { className: "error" }, lines));
    });
    box.appendChild(list);
    box.focus();
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A chart frame: 0..1 on y (as %), returns the svg and the x/y mappers.
  function frame(width, height, xMin, xMax, title, xTitle) {
    var m = { left: 46, right: 24, top: 10, bottom: 40 };
    var chart = svg("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img", "aria-label": title, style: "max-width:" + width + "px" });
    var x = function (v) { return m.left + (xMax === xMin ? 0.5 : (v - xMin) / (xMax - xMin)) * (width - m.left - m.right); };
    var y = function (v) { return height - m.bottom - v * (height - m.top - m.bottom); };
    for (var t = 0; t <= 1.0001; t += 0.25) {
      chart.appendChild(svg("line", { x1: m.left, x2: width - m.right, y1: y(t), y2: y(t), stroke: "#e3e7ee" }));
      chart.appendChild(svg("text", { x: m.left - 6, y: y(t) + 4, "text-anchor": "end" }, Math.round(t * 100) + "%"));
    }
    chart.appendChild(svg("text", { x: (width + m.left) / 2, y: height - 6, "text-anchor": "middle" }, xTitle));
    return { chart: chart, x: x, y: y };
  }

  // The reliability diagram of report.json's calibration: per confidence bin, the accuracy of the confidences before
  // and after temperature scaling; a calibrated model's bars reach the diagonal.
  function reliability() {
    var calibration = report.calibration;
    if (!calibration) return;
    var series = [["before", calibration.before, "#a9b3c4"], ["after", calibration.after, "#2457c5"]].filter(function (s) {
      return s[1] && s[1].reliability && s[1].reliability.length;
    });
    if (!series.length) return;
    var f = frame(440, 300, 0, 1, "Reliability diagram", "confidence");
    series.forEach(function (s, k) {
      s[1].reliability.forEach(function (b) {
        if (!b.count) return;
        var x0 = f.x(b.lower), x1 = f.x(b.upper), w = (x1 - x0 - 2) / series.length;
        f.chart.appendChild(svg("rect", { x: x0 + 1 + k * w, width: Math.max(1, w), y: f.y(b.accuracy), height: f.y(0) - f.y(b.accuracy), fill: s[2], "data-series": s[0] }))
          .appendChild(svg("title", {}, s[0] + ": confidence " + percent(b.confidence) + ", accuracy " + percent(b.accuracy) + ", " + b.count + " utterances"));
      });
      f.chart.appendChild(svg("text", { x: 56, y: 24 + 16 * k, fill: s[2] },
        s[0] + (typeof s[1].ece === "number" ? ", ECE " + percent(s[1].ece) : "")));
    });
    f.chart.appendChild(svg("line", { x1: f.x(0), y1: f.y(0), x2: f.x(1), y2: f.y(1), stroke: "#c83c32", "stroke-dasharray": "4 3" }));
    [0, 0.25, 0.5, 0.75, 1].forEach(function (t) {
      f.chart.appendChild(svg("text", { x: f.x(t), y: f.y(0) + 16, "text-anchor": "middle" }, Math.round(t * 100) + "%"));
    });
    var box = document.getElementById("reliability");
    if (typeof calibration.temperature === "number") box.appendChild(el("p", { text: "temperature " + calibration.temperature.toFixed(3) }));
    box.appendChild(f.chart);
    document.getElementById("reliability-section").hidden = false;
  }

  function curve() {
    var epochs = (data.epochs || []).filter(function (e) { return typeof e.valid_accuracy === "number"; });
    if (!epochs.length) return;
    var first = epochs[0].epoch, last = epochs[epochs.length - 1].epoch;
    var f = frame(560, 280, first, last, "Validation accuracy and macro-F1 by epoch", "epoch");
    [["valid_accuracy", "#2457c5", "accuracy"], ["valid_macro_f1", "#2a8250", "macro-F1"]].forEach(function (series, s) {
      var points = epochs.filter(function (e) { return typeof e[series[0]] === "number"; });
      if (!points.length) return;
      f.chart.appendChild(svg("polyline", { fill: "none", stroke: series[1], "stroke-width": 2,
        points: points.map(function (e) { return f.x(e.epoch) + "," + f.y(e[series[0]]); }).join(" ") }));
      points.forEach(function (e) {
        f.chart.appendChild(svg("circle", { cx: f.x(e.epoch), cy: f.y(e[series[0]]), r: e.best ? 5 : 3, fill: series[1] }))
          .appendChild(svg("title", {}, "epoch " + e.epoch + ": " + series[2] + " " + percent(e[series[0]]) + (e.best ? " (best)" : "")));
      });
      f.chart.appendChild(svg("text", { x: 56, y: 24 + 16 * s, fill: series[1] }, series[2]));
    });
    epochs.forEach(function (e) { f.chart.appendChild(svg("text", { x: f.x(e.epoch), y: 258, "text-anchor": "middle" }, String(e.epoch))); });
    document.getElementById("curve").appendChild(f.chart);
    document.getElementById("curve-section").hidden = false;
  }

  summary();
  classTable();
  confusion();
  reliability();
  curve();
})();
