// Start Swagger UI on the API's own document (a file of ours, so the page needs no inline
// script: the Content-Security-Policy allows scripts from this app only).
(function () {
  var box = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: box.getAttribute("data-openapi"),
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
  });
})();
