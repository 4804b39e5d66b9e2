// A long list of checkboxes (a decision's proposals and measures) gets a box to find items by
// their words; without JavaScript it is the same list, only longer to scroll.
(function () {
  var seen = [];
  document.querySelectorAll("input[data-checklist]").forEach(function (input) {
    var list = input.closest("fieldset");
    if (!list || seen.indexOf(list) !== -1) { return; }
    seen.push(list);
    var items = Array.prototype.slice.call(list.querySelectorAll("input[data-checklist]"))
      .map(function (box) { return box.closest("li") || box.parentNode; });
    if (items.length < 6) { return; }
    var search = document.createElement("input");
    search.type = "search";
    search.className = "checklist-search";
    search.setAttribute("aria-label", list.querySelector("legend").textContent.trim());
    search.setAttribute("placeholder", list.closest("form").getAttribute("data-find-label") || "…");
    search.addEventListener("input", function () {
      var query = search.value.trim().toLowerCase();
      items.forEach(function (item) {
        var box = item.querySelector("input");
        item.hidden = Boolean(query) && !box.checked && item.textContent.toLowerCase().indexOf(query) === -1;
      });
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    list.insertBefore(search, list.querySelector("legend").nextSibling);
  });
})();
