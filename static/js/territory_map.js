// Progressive enhancement of the territory dashboard: picking another figure or programme redraws
// the map, its legend and the table without reloading the page. The server draws them (the same
// page asked for with the new form values); without scripts the form's Show button does the same.
(function () {
  var form = document.getElementById("territory-form");
  var view = document.getElementById("territory-view");
  if (!form || !view || !window.fetch || !window.DOMParser) { return; }
  form.addEventListener("change", function () {
    var url = form.action.split("?")[0] + "?" + new URLSearchParams(new FormData(form)).toString();
    view.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("territory-view");
        if (!fresh) { throw new Error("no view"); }
        view.replaceWith(fresh);
        view = fresh;
        window.history.replaceState(null, "", url);
      })
      .catch(function () { form.submit(); })
      .finally(function () { view.removeAttribute("aria-busy"); });
  });
}());
