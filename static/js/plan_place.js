// The measure form's "Place in the plan": typing the number (2.1.4) selects direction 2 and
// objective 2.1 where the programme has them, and the objective list shows only the objectives of
// the chosen direction. Without JavaScript both lists stay complete, an empty choice means "by the
// number", and the server says which objectives fit when the choice does not.
(function () {
  var box = document.querySelector("[data-plan-place]");
  if (!box) { return; }
  var number = box.querySelector("input[name$=number]");
  var direction = box.querySelector("select[name$=direction]");
  var objective = box.querySelector("select[name$=objective]");
  if (!number || !direction || !objective) { return; }
  var all = Array.prototype.slice.call(objective.options);

  function narrow() {
    var chosen = direction.value;
    var keep = objective.value;
    objective.innerHTML = "";
    all.forEach(function (option) {
      var owner = option.getAttribute("data-direction");
      if (!owner || !chosen || owner === chosen) { objective.appendChild(option); }
    });
    objective.value = keep;
    if (objective.value !== keep) { objective.value = ""; }
  }

  function byNumber(select, options, wanted, owner) {
    for (var i = 0; i < options.length; i++) {
      var option = options[i];
      if (option.getAttribute("data-number") === wanted &&
          (!owner || option.getAttribute("data-direction") === owner)) {
        select.value = option.value;
        return true;
      }
    }
    return false;
  }

  function place() {
    var text = number.value.trim().replace(/\.$/, "");
    if (!/^[0-9]+(\.[0-9]+)*$/.test(text)) { return; }
    var parts = text.split(".").map(function (p) { return String(parseInt(p, 10)); });
    if (parts.length < 2) { return; }
    if (byNumber(direction, direction.options, parts[0])) {
      narrow();
      if (parts.length >= 3) {
        byNumber(objective, all, parts[0] + "." + parts[1], direction.value);
        narrow();
      }
    }
  }

  direction.addEventListener("change", narrow);
  number.addEventListener("change", place);
  number.addEventListener("input", place);
  narrow();
})();
