// The territory picker: type to find a unit, the chosen units as removable chips, and "all
// districts" ticking the oblast's districts at once. Without JavaScript the picker is a plain tree
// of checkboxes and the server takes "all districts" itself.
(function () {
  document.querySelectorAll("[data-unit-picker]").forEach(function (picker) {
    var box = picker.querySelector("[data-unit-search-box]");
    var search = picker.querySelector("[data-unit-search]");
    var chips = picker.querySelector("[data-unit-chips]");
    var groups = Array.prototype.slice.call(picker.querySelectorAll(".unit-groups > li"));
    if (!box || !search || !chips) { return; }
    box.hidden = false;

    function unitBoxes() {
      return picker.querySelectorAll(".unit-option:not(.all) input[type=checkbox]");
    }

    function drawChips() {
      chips.innerHTML = "";
      unitBoxes().forEach(function (input) {
        if (!input.checked) { return; }
        var text = input.closest("label").textContent.trim();
        var chip = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "chip";
        button.setAttribute("aria-label", "× " + text);
        button.textContent = text + " ×";
        button.addEventListener("click", function () {
          input.checked = false;
          drawChips();
        });
        chip.appendChild(button);
        chips.appendChild(chip);
      });
    }

    function find() {
      var query = search.value.trim().toLowerCase();
      groups.forEach(function (group) {
        var details = group.querySelector("details");
        var summary = group.querySelector("summary").textContent.toLowerCase();
        var any = false;
        group.querySelectorAll(".unit-option").forEach(function (option) {
          var name = (option.getAttribute("data-unit-name") || "").toLowerCase();
          var show = !query || name.indexOf(query) !== -1 || summary.indexOf(query) !== -1;
          option.hidden = !show && !option.classList.contains("all");
          any = any || (show && name && name.indexOf(query) !== -1);
        });
        group.hidden = Boolean(query) && !any && summary.indexOf(query) === -1;
        if (query && !group.hidden) { details.open = true; }
      });
    }

    picker.addEventListener("change", function (event) {
      var input = event.target;
      var option = input.closest(".unit-option");
      if (option && option.classList.contains("all")) {
        option.closest(".unit-options").querySelectorAll(".unit-option:not(.whole):not(.all) input")
          .forEach(function (child) { child.checked = input.checked; });
      }
      drawChips();
    });
    search.addEventListener("input", find);
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    drawChips();
  });
})();
