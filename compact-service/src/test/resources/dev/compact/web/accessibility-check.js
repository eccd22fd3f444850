// Automated accessibility checks run in the browser on every dashboard page. Returns a list of
// problems (empty when the page passes). It checks what a script can check reliably: language,
// landmarks, skip link, heading order, labels, alternative text, link and button names, and the
// contrast of every text against its background (WCAG 2 formula; 4.5:1, or 3:1 for large text).
var problems = [];
var html = document.documentElement;
if (!html.getAttribute("lang")) problems.push("html has no lang");
if (!document.title) problems.push("page has no title");
if (document.querySelectorAll("main").length !== 1) problems.push("page needs exactly one main landmark");
document.querySelectorAll("nav").forEach(function (n) { if (!n.getAttribute("aria-label")) problems.push("nav without aria-label"); });
var skip = document.querySelector("a.skip");
if (!skip || !document.querySelector(skip.getAttribute("href"))) problems.push("no skip link to an existing target");
if (document.querySelectorAll("h1").length !== 1) problems.push("page needs exactly one h1, has " + document.querySelectorAll("h1").length);
var last = 0;
document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (h) {
  var level = Number(h.tagName.substring(1));
  if (last && level > last + 1) problems.push("heading level skips from h" + last + " to h" + level + ": " + h.textContent.trim());
  last = level;
});
document.querySelectorAll("input, select, textarea").forEach(function (f) {
  if (f.type === "hidden") return;
  var labelled = (f.id && document.querySelector("label[for='" + f.id + "']")) || f.getAttribute("aria-label")
      || f.getAttribute("aria-labelledby") || f.closest("label");
  if (!labelled) problems.push("form field without label: " + (f.name || f.id));
});
document.querySelectorAll("img").forEach(function (i) { if (!i.hasAttribute("alt")) problems.push("img without alt: " + i.src); });
document.querySelectorAll("canvas").forEach(function (c) {
  if (c.getAttribute("role") !== "img" || !c.getAttribute("aria-label")) problems.push("canvas without role=img and aria-label: " + c.id);
});
document.querySelectorAll("a").forEach(function (a) {
  if (!a.textContent.trim() && !a.getAttribute("aria-label")) problems.push("link without text: " + a.href);
});
document.querySelectorAll("button").forEach(function (b) { if (!b.textContent.trim()) problems.push("button without text"); });
document.querySelectorAll("table").forEach(function (t) {
  if (!t.querySelector("th")) problems.push("table without header cells");
});

function rgb(text) {
  var m = text.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  var p = m[1].split(",").map(function (x) { return parseFloat(x); });
  return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
}
function luminance(c) {
  var f = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function background(el) {
  for (var e = el; e; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) return c;
  }
  return { r: 255, g: 255, b: 255, a: 1 };
}
var seen = 0;
document.querySelectorAll("body *").forEach(function (el) {
  if (["SCRIPT", "STYLE", "CANVAS", "OPTION"].indexOf(el.tagName) >= 0) return;
  var hasText = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (!hasText) return;
  var rect = el.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return;
  var style = getComputedStyle(el);
  if (style.visibility === "hidden") return;
  var fg = rgb(style.color), bg = background(el);
  var l1 = luminance(fg), l2 = luminance(bg);
  var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  var size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  var needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  seen++;
  if (ratio < needed) problems.push("contrast " + ratio.toFixed(2) + " < " + needed + " for '" + el.textContent.trim().substring(0, 40) + "'");
});
if (seen === 0) problems.push("no visible text found");
return problems;
