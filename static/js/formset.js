// Rows of the measure form (co-executors, funding lines, indicators) are added in the page without
// a reload. Without JavaScript the "Add" buttons submit the form and the server sends it back with
// one more empty row, so nothing here is needed for the form to work.
document.querySelectorAll("[data-add-row]").forEach(function (button) {
  button.addEventListener("click", function (event) {
    var prefix = button.getAttribute("data-add-row");
    var template = document.getElementById(prefix + "-template");
    var rows = document.querySelector('[data-rows="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !rows || !total) { return; }
    event.preventDefault();
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement(rows.tagName === "TBODY" ? "tbody" : "div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  });
});
// Ticking "Remove" greys the row out, so it is clear what will go on save.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (box.name && /-DELETE$/.test(box.name)) {
    var row = box.closest(".form-row");
    if (row) { row.classList.toggle("removing", box.checked); }
  }
});
