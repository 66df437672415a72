/* Kumppani: a draft saved as the person types. A form marked data-autosave posts itself with
   htmx (its hx-post and hx-trigger) a moment after typing stops; the answer is a sentence for
   the form's status line (role="status") and the draft's new version, swapped into the form's
   version field. This script adds what htmx does not do by itself:
   - the answers 409 (changed on another device meanwhile) and 422 (something to correct) are
     shown like a success; after a 409 no more automatic saves are made, and Save then shows
     the differences as it does without JavaScript;
   - a Save pressed while an automatic save is on its way waits for it, so that the form
     carries the version that save made; once the form is sent, no automatic save follows.
   Without this script (or JavaScript) the Save button works as before. */
(function () {
  "use strict";

  var SHOWN = { 409: true, 422: true };

  function autosaveForm(event) {
    var detail = event.detail || {};
    var elt = (detail.requestConfig && detail.requestConfig.elt) || detail.elt;
    return elt && elt.matches && elt.matches("form[data-autosave]") ? elt : null;
  }

  document.addEventListener("htmx:confirm", function (event) {
    var form = autosaveForm(event);
    if (form && form.hasAttribute("data-autosave-stopped")) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = autosaveForm(event);
    if (form) {
      form.setAttribute("data-autosave-busy", "");
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var form = autosaveForm(event);
    var status = event.detail.xhr.status;
    if (form && SHOWN[status]) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      if (status === 409) {
        form.setAttribute("data-autosave-stopped", "");
      }
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = autosaveForm(event);
    if (!form) {
      return;
    }
    form.removeAttribute("data-autosave-busy");
    if (form.autosaveWaiting) {
      var submitter = form.autosaveWaiting.submitter;
      form.autosaveWaiting = null;
      form.requestSubmit(submitter || undefined);
    }
  });

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!form.matches || !form.matches("form[data-autosave]")) {
        return;
      }
      if (form.hasAttribute("data-autosave-busy")) {
        event.preventDefault();
        form.autosaveWaiting = { submitter: event.submitter };
        return;
      }
      form.setAttribute("data-autosave-stopped", "");
    },
    true
  );
})();
