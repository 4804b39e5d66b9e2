// Starts ReDoc on the schema named by the container; kept out of the page so the page has no
// inline script. Fonts are the system's: ReDoc's defaults would name Google-hosted ones.
(function () {
  var container = document.getElementById("redoc-container");
  var font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  Redoc.init(container.dataset.schemaUrl, {
    hideDownloadButton: false,
    theme: { typography: { fontFamily: font, headings: { fontFamily: font } } },
  }, container);
})();
