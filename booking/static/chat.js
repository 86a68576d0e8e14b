// The web chat: posts to /chat (same origin, CSRF header) and shows the replies.
// Plain JavaScript, no framework and no CDN.
(function () {
  "use strict";
  var root = document.querySelector(".chat");
  if (!root) { return; }
  var toggle = root.querySelector(".chat-toggle");
  var panel = root.querySelector(".chat-panel");
  var log = root.querySelector(".chat-log");
  var form = root.querySelector(".chat-form");
  var input = root.querySelector("#chat-input");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;

  function setOpen(open) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    if (open) { input.focus(); } else { toggle.focus(); }
  }
  toggle.addEventListener("click", function () { setOpen(panel.hidden); });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { setOpen(false); }
  });

  function add(text, who) {
    var p = document.createElement("p");
    p.className = who === "user" ? "from-user" : "from-bot";
    p.textContent = text;
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
    return p;
  }

  function addButtons(buttons) {
    var group = document.createElement("div");
    group.className = "chat-buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ds-button";
      button.setAttribute("data-variant", "secondary");
      button.setAttribute("data-size", "sm");
      button.textContent = b.title;
      button.addEventListener("click", function () { send(b.payload, b.title); });
      group.appendChild(button);
    });
    log.appendChild(group);
    log.scrollTop = log.scrollHeight;
  }

  function send(message, shown) {
    add(shown || message, "user");
    fetch(form.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ message: message })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { add(result.body.error.message, "bot"); return; }
      result.body.messages.forEach(function (m) {
        if (m.text) { add(m.text, "bot"); }
        if (m.buttons && m.buttons.length) { addButtons(m.buttons); }
      });
    }).catch(function () { add(form.dataset.error, "bot"); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
})();
