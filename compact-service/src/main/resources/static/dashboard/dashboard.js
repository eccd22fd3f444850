// Enhancements for the Compact dashboard. Every page reads without this script; with it,
// countdowns tick and the parts of a page marked data-live refresh when the record changes.
(function () {
  "use strict";
  var body = document.body;
  var serverNow = Date.parse(body.getAttribute("data-now"));
  var testClock = body.getAttribute("data-test-clock") === "true";
  var loadedAt = Date.now();

  // The record's time now: a test clock stands still between moves; the real one runs.
  function recordNow() {
    return testClock ? serverNow : serverNow + (Date.now() - loadedAt);
  }

  function span(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    if (d > 0) return d + " d " + h + " h";
    if (h > 0) return h + " h " + m + " min";
    return m + " min " + sec + " s";
  }

  function tick() {
    var now = recordNow();
    document.querySelectorAll("time.countdown").forEach(function (el) {
      var due = Date.parse(el.getAttribute("datetime"));
      var left = due - now;
      el.textContent = left >= 0 ? "in " + span(left) : "overdue by " + span(left);
      el.classList.toggle("overdue", left < 0);
    });
  }

  var pending = null;
  function refresh() {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      fetch(location.href, { headers: { "Accept": "text/html" } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          var now = fresh.body.getAttribute("data-now");
          if (now) { serverNow = Date.parse(now); loadedAt = Date.now(); body.setAttribute("data-now", now); }
          document.querySelectorAll("[data-live][id]").forEach(function (el) {
            var replacement = fresh.getElementById(el.id);
            if (replacement) el.innerHTML = replacement.innerHTML;
          });
          body.setAttribute("data-refreshed", String(Date.now()));
          tick();
        })
        .catch(function () { /* the next change tries again */ });
    }, 250);
  }

  function status(text) {
    var el = document.querySelector(".live-status");
    if (el) el.textContent = text;
  }

  // One stream per page. It is closed when the page is left (also into the back-forward cache):
  // browsers allow only a few connections per server, and streams left open would use them up.
  var source = null;
  function connect() {
    if (!window.EventSource || !document.querySelector("[data-live]") || source) return;
    // The dashboard's own stream: it follows the signed-in reader's clearance (an EventSource sends
    // the session cookie but no API token). It ends now and then and reopens with the last id seen;
    // what changed while it was closed is read by reading the page again.
    source = new EventSource("/live");
    var opened = false;
    source.addEventListener("open", function () {
      status("live");
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("transition", function () {
      body.setAttribute("data-live-connected", "true");
      refresh();
    });
    source.addEventListener("error", function () { status("reconnecting"); });
  }
  window.addEventListener("pagehide", function () {
    if (source) { source.close(); source = null; }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { connect(); refresh(); }
  });
  connect();
  // A moved test clock sends no event unless a deadline passed: look at the clock now and then.
  if (testClock) {
    setInterval(function () {
      fetch("/api/clock").then(function (r) { return r.json(); }).then(function (c) {
        if (Date.parse(c.now) !== serverNow) {
          refresh();
          // Deadlines that the move passed are recorded just after it: look again once they are in.
          setTimeout(refresh, 1500);
        }
      }).catch(function () {});
    }, 2000);
  }
  tick();
  setInterval(tick, 1000);

  // "Go back" links: a javascript: address would be an inline script, which the page's policy refuses.
  document.querySelectorAll("a[data-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      history.back();
    });
  });

  // Charts: each canvas names a JSON script element with its data; the table beside it stays the source.
  if (window.Chart) {
    window.Chart.defaults.color = "#1b1b1b"; // axis and legend text dark enough to read (Chart.js defaults to a light grey)
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var data = JSON.parse(document.getElementById(canvas.getAttribute("data-chart")).textContent);
      new window.Chart(canvas, {
        type: "bar",
        data: data,
        options: { responsive: true, maintainAspectRatio: false, animation: false,
                   scales: { y: { beginAtZero: true, title: { display: true, text: canvas.getAttribute("data-unit") } } } }
      });
    });
  }
})();
