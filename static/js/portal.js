// Progressive enhancement only: the print button appears when scripts run.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

// Copy buttons (the API token): shown only where scripts run and the clipboard is available.
document.querySelectorAll(".js-copy").forEach(function (button) {
  var target = document.getElementById(button.dataset.copyTarget);
  if (!target || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      button.textContent = button.dataset.copied;
    });
  });
});
