/* Find a city as you type: names in any script, countries and regions, from search.json
   (the page's language's own, beside its index.html; its words are on the form).
   Without JavaScript the form opens the list of cities by country on the front page. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[data-search-count]");
  var root = form.getAttribute("data-root") || "";
  var cities = null, shown = [], active = -1, LIMIT = 8;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function load() {
    if (cities) return Promise.resolve(cities);
    return fetch(root + "search.json").then(function (r) { return r.json(); }).then(function (d) {
      cities = d.cities.map(function (c) {
        return { name: c[0], match: c[1], country: c[2], region: c[3], path: c[4],
                 place: fold(c[2] + " " + c[3]) };
      });
      return cities;
    });
  }
  /* What the count says, in the page's language: the form's data-none, -one, -many, -more. */
  function said(which, count) {
    return (form.getAttribute("data-" + which) || "").replace("{count}", count).replace("{limit}", LIMIT);
  }
  function rank(city, q) {
    var words = city.match.split(/[\s,\-()'.]+/);
    if (city.match.indexOf(q) === 0) return 0;
    for (var i = 0; i < words.length; i++) if (words[i].indexOf(q) === 0) return 1;
    if (city.match.indexOf(q) >= 0) return 2;
    if (city.place.indexOf(q) >= 0) return 3;
    return -1;
  }
  function close() {
    list.hidden = true; list.innerHTML = ""; shown = []; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function select(index) {
    var items = list.querySelectorAll("[role=option]");
    for (var i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === index ? "true" : "false");
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
    else input.removeAttribute("aria-activedescendant");
  }
  function render(q) {
    var found = [];
    cities.forEach(function (c) { var r = rank(c, q); if (r >= 0) found.push([r, c]); });
    found.sort(function (a, b) { return a[0] - b[0] || a[1].match.localeCompare(b[1].match); });
    shown = found.slice(0, LIMIT).map(function (f) { return f[1]; });
    list.innerHTML = "";
    shown.forEach(function (c, i) {
      var li = document.createElement("li");
      li.id = "city-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = c.name;
      var place = document.createElement("span");
      place.className = "muted";
      place.textContent = " " + c.country + " · " + c.region;
      li.appendChild(place);
      li.addEventListener("click", function () { window.location.href = root + c.path + "index.html"; });
      list.appendChild(li);
    });
    list.hidden = shown.length === 0;
    input.setAttribute("aria-expanded", shown.length ? "true" : "false");
    status.textContent = said(found.length === 0 ? "none" : found.length === 1 ? "one" :
      found.length > LIMIT ? "more" : "many", found.length);
    select(shown.length ? 0 : -1);
  }
  input.addEventListener("input", function () {
    var q = fold(input.value.trim());
    if (!q) { close(); status.textContent = ""; return; }
    load().then(function () { if (fold(input.value.trim()) === q) render(q); });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && shown.length) { select((active + 1) % shown.length); e.preventDefault(); }
    else if (e.key === "ArrowUp" && shown.length) { select((active - 1 + shown.length) % shown.length); e.preventDefault(); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0) { window.location.href = root + shown[active].path + "index.html"; e.preventDefault(); }
  });
  form.addEventListener("submit", function (e) {
    if (shown.length) { e.preventDefault(); window.location.href = root + shown[Math.max(active, 0)].path + "index.html"; }
  });
  document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
})();
