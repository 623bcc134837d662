// The review room's only script: an enhancement, every page works without it.
// - Suggestions: y, n and s press the button (or follow the link) carrying that data-key.
// - A claim page: similar claims load into their section, and the marked span is centred.
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    // A button, or a link (the conflict page's "Next suggested link").
    var button = document.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (button && !button.disabled && /^[yns]$/i.test(event.key)) {
      event.preventDefault();
      button.click();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var span = document.getElementById("span");
    var box = document.querySelector(".article-text");
    if (span && box) {
      box.scrollTop = Math.max(0, span.offsetTop - box.offsetTop - box.clientHeight / 3);
    }
    var similar = document.querySelector("section[data-src]");
    if (similar && window.fetch) {
      fetch(similar.getAttribute("data-src"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null) {
            // Server-rendered and escaped like every page; the policy runs no script in it.
            similar.innerHTML = html;
          }
        })
        .catch(function () { /* the link stays */ });
    }
  });
})();
