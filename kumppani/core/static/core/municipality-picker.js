/* Kumppani municipality picker (core/widgets.py MunicipalityPicker).

   Turns a <select multiple> of municipalities grouped by county into a list of checkboxes,
   grouped by county, that typing filters; each county's first checkbox chooses all of it.
   The select stays in the form, hidden, and holds the choice: the form receives the same
   municipality codes as without this script. Where the form has a field of whole counties
   (data-county-field), a county's first checkbox ticks the county there instead. */
(function () {
  "use strict";

  var ANNOUNCE_DELAY = 400; // ms: let typing pause before the count is announced

  function fold(text) {
    return text.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function element(tag, properties) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = properties[name];
      } else if (name === "className" || name === "id" || name === "type" || name === "hidden") {
        node[name] = properties[name];
      } else {
        node.setAttribute(name, properties[name]);
      }
    });
    return node;
  }

  function checkboxItem(id, text, className) {
    var item = element("li", className ? { className: className } : {});
    var box = element("input", { type: "checkbox", id: id });
    item.appendChild(box);
    item.appendChild(element("label", { for: id, text: text }));
    return { item: item, box: box };
  }

  function enhance(root) {
    var select = root.querySelector("select[multiple]");
    if (root.dataset.enhanced || !select) {
      return;
    }
    root.dataset.enhanced = "true";
    var texts = root.dataset;
    var form = select.form;
    var id = select.id || "municipality-picker";
    var label = document.querySelector('label[for="' + CSS.escape(id) + '"]');
    var noScriptHint = root.querySelector(".picker-no-script");

    // The filter takes over the select's id: the field's label names it, and the error
    // summary's link and the field's descriptions lead to it.
    select.id = id + "-select";
    select.hidden = true;
    if (noScriptHint) {
      noScriptHint.hidden = true;
    }
    var hint = element("p", { className: "helptext", id: id + "-filter-hint", text: texts.filterHint });
    var filter = element("input", {
      type: "search",
      id: id,
      className: "picker-filter",
      autocomplete: "off",
      spellcheck: "false",
      "aria-controls": id + "-list",
    });
    var status = element("p", { className: "picker-status", id: id + "-status", role: "status" });
    var described = (select.getAttribute("aria-describedby") || "")
      .split(/\s+/)
      .filter(function (token) {
        return token && (!noScriptHint || token !== noScriptHint.id);
      });
    described.push(hint.id, status.id);
    filter.setAttribute("aria-describedby", described.join(" "));
    if (select.getAttribute("aria-invalid") === "true") {
      filter.setAttribute("aria-invalid", "true");
    }
    var list = element("div", { className: "picker-list", id: id + "-list", role: "group" });
    if (label) {
      label.id = label.id || id + "-label";
      list.setAttribute("aria-labelledby", label.id);
    }

    var groups = [];
    var countyMode = false;
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (optgroup, g) {
      var county = optgroup.dataset.county || "";
      var countyInput = null;
      if (form && texts.countyField && county) {
        countyInput = form.querySelector(
          'input[type=checkbox][name="' + CSS.escape(texts.countyField) + '"][value="' + CSS.escape(county) + '"]'
        );
      }
      countyMode = countyMode || Boolean(countyInput);
      var fieldset = element("fieldset", { className: "picker-group" });
      fieldset.appendChild(element("legend", { text: optgroup.label }));
      var options = element("ul", { className: "picker-options" });
      var all = checkboxItem(
        id + "-g" + g,
        format(countyInput ? texts.wholeCounty : texts.allOfCounty, { county: optgroup.label }),
        "picker-all"
      );
      options.appendChild(all.item);
      var group = {
        fieldset: fieldset,
        all: all.box,
        countyInput: countyInput,
        search: fold(optgroup.label),
        items: [],
      };
      Array.prototype.forEach.call(optgroup.querySelectorAll("option"), function (option, o) {
        var entry = checkboxItem(id + "-g" + g + "-" + o, option.textContent);
        entry.box.value = option.value;
        options.appendChild(entry.item);
        group.items.push({
          option: option,
          box: entry.box,
          item: entry.item,
          search: fold(option.textContent + " " + (option.dataset.names || "")),
        });
      });
      fieldset.appendChild(options);
      list.appendChild(fieldset);
      groups.push(group);
    });

    // Show the choice the select (and the counties field) hold.
    function render() {
      groups.forEach(function (group) {
        var wholeCounty = Boolean(group.countyInput && group.countyInput.checked);
        var chosen = 0;
        group.items.forEach(function (entry) {
          entry.box.checked = wholeCounty || entry.option.selected;
          entry.box.disabled = wholeCounty;
          chosen += entry.option.selected ? 1 : 0;
        });
        var every = group.items.length > 0 && chosen === group.items.length;
        group.all.checked = group.countyInput ? wholeCounty : every;
        group.all.indeterminate = !group.all.checked && chosen > 0;
      });
    }

    function counts() {
      var shown = 0;
      var chosen = 0;
      var counties = 0;
      groups.forEach(function (group) {
        counties += group.countyInput && group.countyInput.checked ? 1 : 0;
        group.items.forEach(function (entry) {
          shown += entry.item.hidden ? 0 : 1;
          chosen += entry.option.selected ? 1 : 0;
        });
      });
      return { shown: shown, chosen: chosen, counties: counties };
    }

    var timer = null;
    function announce(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var numbers = counts();
        var query = filter.value.trim();
        status.textContent =
          numbers.shown === 0 && query
            ? format(texts.noMatch, { query: query })
            : format(countyMode ? texts.statusWithCounties : texts.status, numbers);
      }, delay);
    }

    function applyFilter() {
      var query = fold(filter.value.trim());
      groups.forEach(function (group) {
        var countyMatches = query !== "" && group.search.indexOf(query) !== -1;
        var any = false;
        group.items.forEach(function (entry) {
          var visible = query === "" || countyMatches || entry.search.indexOf(query) !== -1;
          entry.item.hidden = !visible;
          any = any || visible;
        });
        group.fieldset.hidden = !any;
      });
    }

    function visibleBoxes() {
      return Array.prototype.filter.call(
        list.querySelectorAll("input[type=checkbox]"),
        function (box) {
          return !box.disabled && box.offsetParent !== null;
        }
      );
    }

    list.addEventListener("change", function (event) {
      var box = event.target;
      groups.forEach(function (group) {
        if (box === group.all) {
          if (group.countyInput) {
            group.countyInput.checked = box.checked;
            group.countyInput.dispatchEvent(new Event("change", { bubbles: true }));
          } else {
            group.items.forEach(function (entry) {
              entry.option.selected = box.checked;
            });
          }
          return;
        }
        group.items.forEach(function (entry) {
          if (entry.box === box) {
            entry.option.selected = box.checked;
          }
        });
      });
      select.dispatchEvent(new Event("change", { bubbles: true }));
      render();
      announce(0);
    });

    filter.addEventListener("input", function () {
      applyFilter();
      announce(ANNOUNCE_DELAY);
    });

    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // typing a name must not submit the form
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        applyFilter();
        announce(0);
      } else if (event.key === "ArrowDown") {
        var first = visibleBoxes()[0];
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });

    // Up and down arrows move between the checkboxes shown; up from the first returns to
    // the filter. Tab and Space work as on any checkbox.
    list.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
        return;
      }
      var boxes = visibleBoxes();
      var index = boxes.indexOf(event.target);
      if (index === -1) {
        return;
      }
      event.preventDefault();
      var next = index + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) {
        filter.focus();
      } else if (next < boxes.length) {
        boxes[next].focus();
      }
    });

    if (countyMode) {
      groups.forEach(function (group) {
        if (group.countyInput) {
          group.countyInput.addEventListener("change", render);
        }
      });
      // The counties field is now part of the picker; keep it in view if it has an error.
      var countyField = groups
        .map(function (group) {
          return group.countyInput;
        })
        .filter(Boolean)[0]
        .closest(".field");
      if (countyField && !countyField.querySelector(".errorlist")) {
        countyField.hidden = true;
      }
    }

    root.insertBefore(hint, select);
    root.insertBefore(filter, select);
    root.insertBefore(status, select);
    root.insertBefore(list, select);
    render();
    announce(0);
    // The browser restores form state when the visitor comes back to the page.
    window.addEventListener("pageshow", function () {
      render();
      announce(0);
    });
  }

  function enhanceAll(scope) {
    if (scope.matches && scope.matches("[data-municipality-picker]")) {
      enhance(scope);
    }
    Array.prototype.forEach.call(scope.querySelectorAll("[data-municipality-picker]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
})();
