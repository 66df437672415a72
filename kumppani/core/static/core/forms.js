/* Kumppani forms: after a failed submit, move focus to the error summary, and let its links
   move focus to the field they name. Without this script the summary is still the form's
   first content and its links still scroll to the fields. */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // The label or legend that names a field, so that it scrolls into view with the field.
  function caption(field) {
    var fieldset = field.closest("fieldset");
    if (fieldset && (field.type === "checkbox" || field.type === "radio")) {
      var legend = fieldset.querySelector("legend");
      if (legend) {
        return legend;
      }
    }
    if (field.id) {
      var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
      if (label) {
        return label;
      }
    }
    return field;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field || field.hidden || typeof field.focus !== "function") {
      return;
    }
    event.preventDefault();
    caption(field).scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // Filters behind a button on a phone stand open beside the results on a wide screen.
  function openWide() {
    if (window.matchMedia("(min-width: 60rem)").matches) {
      document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
        details.open = true;
      });
    }
  }

  function ready() {
    focusSummary();
    openWide();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
