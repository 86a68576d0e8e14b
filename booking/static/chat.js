// The web chat: posts to /chat (same origin, CSRF header) and shows the replies.
// Plain JavaScript, no framework and no CDN.
//
// Each message says who spoke (a label for screen readers), addresses in replies are
// real links, and the conversation shown survives going to another page in this tab
// (sessionStorage; the assistant itself keeps the conversation on the server).
(function () {
  "use strict";
  var root = document.querySelector(".chat");
  if (!root) { return; }
  var toggle = root.querySelector(".chat-toggle");
  var panel = root.querySelector(".chat-panel");
  var log = root.querySelector(".chat-log");
  var form = root.querySelector(".chat-form");
  var input = root.querySelector("#chat-input");
  var sendButton = form.querySelector("button[type=submit]");
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var STORE = "chat-log";
  var KEEP = 60;  // messages kept for the next page
  var shown = [];

  function setOpen(open, quiet) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    try { sessionStorage.setItem(STORE + "-open", open ? "1" : ""); } catch (e) { /* private mode */ }
    if (quiet) { return; }
    if (open) { input.focus(); } else { toggle.focus(); }
  }
  toggle.addEventListener("click", function () {
    setOpen(panel.hidden);
    // A logged-in user who opens an empty chat is greeted, and asked first about a booked
    // date in the next two days (are you coming, or shall the room be released?).
    if (!panel.hidden && !shown.length && root.dataset.greet) { send("/greet", "", true); }
  });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { setOpen(false); }
  });

  // "... logg inn her: https://x/logg-inn." -> text, a link, text (the full stop is not
  // part of the address).
  function appendWithLinks(element, text) {
    var pattern = /https?:\/\/[^\s<>"]+/g;
    var at = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var url = match[0].replace(/[.,;:!?)]+$/, "");
      element.appendChild(document.createTextNode(text.slice(at, match.index)));
      var a = document.createElement("a");
      a.className = "ds-link";
      a.href = url;
      a.textContent = url;
      element.appendChild(a);
      at = match.index + url.length;
      pattern.lastIndex = at;
    }
    element.appendChild(document.createTextNode(text.slice(at)));
  }

  function add(text, who, restoring) {
    var p = document.createElement("p");
    p.className = who === "user" ? "from-user" : "from-bot";
    var speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = (who === "user" ? form.dataset.you : form.dataset.assistant) + ": ";
    p.appendChild(speaker);
    appendWithLinks(p, text);
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
    if (!restoring) {
      shown.push({ who: who, text: text });
      try { sessionStorage.setItem(STORE, JSON.stringify(shown.slice(-KEEP))); } catch (e) { /* full */ }
    }
    return p;
  }

  function addButtons(buttons) {
    var group = document.createElement("div");
    group.className = "chat-buttons";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", form.dataset.choices);
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ds-button";
      button.setAttribute("data-variant", "secondary");
      button.setAttribute("data-size", "sm");
      button.textContent = b.title;
      button.addEventListener("click", function () {
        group.remove();  // the choice is made: it shows as the user's message
        input.focus();   // and the next thing to do is to read the answer or write
        send(b.payload, b.title);
      });
      group.appendChild(button);
    });
    log.appendChild(group);
    log.scrollTop = log.scrollHeight;
  }

  function busy(waiting) {
    sendButton.disabled = waiting;
    log.setAttribute("aria-busy", String(waiting));
  }

  function send(message, title, quiet) {
    if (!quiet) { add(title || message, "user"); }
    busy(true);
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
    }).catch(function () { add(form.dataset.error, "bot"); })
      .then(function () { busy(false); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || sendButton.disabled) { return; }
    input.value = "";
    send(text);
  });

  // Logging out forgets what this tab showed.
  document.querySelectorAll("form[action$='/logg-ut']").forEach(function (logout) {
    logout.addEventListener("submit", function () {
      try { sessionStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
    });
  });

  try {
    shown = JSON.parse(sessionStorage.getItem(STORE) || "[]");
    shown.forEach(function (m) { add(m.text, m.who, true); });
    if (shown.length && sessionStorage.getItem(STORE + "-open")) { setOpen(true, true); }
  } catch (e) { shown = []; }
})();
