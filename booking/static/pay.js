// The payment page: the card is tokenised by Stripe.js in the browser (the number never
// reaches our server), the token is posted to the server, which charges it; a card that
// needs 3-D Secure is finished here with confirmCardPayment. The booking is confirmed by
// Stripe's webhook, so the page then waits for the booking's status before moving on.
// The same code runs against Stripe and against the local server's stand-in Stripe.js.
(function () {
  "use strict";
  var form = document.getElementById("pay-form");
  if (!form || typeof window.Stripe !== "function") { return; }
  var data = form.dataset;
  var stripe = window.Stripe(data.key, { locale: data.locale });
  var card = stripe.elements({ locale: data.locale }).create("card", { hidePostalCode: false });
  card.mount("#card-element");
  var button = document.getElementById("pay-button");
  var buttonText = button.textContent;
  var errorBox = document.getElementById("pay-error");
  var errorText = document.getElementById("pay-error-text");
  var status = document.getElementById("pay-status");

  function busy(on) {
    button.disabled = on;
    button.setAttribute("aria-disabled", on ? "true" : "false");
    button.textContent = on ? data.textBusy : buttonText;
  }

  function fail(message) {
    busy(false);
    status.textContent = "";
    errorText.textContent = message;
    errorBox.hidden = false;
    errorBox.focus();
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  async function waitForConfirmation() {
    status.textContent = data.textWaiting;
    for (var i = 0; i < 60; i++) {
      try {
        var response = await fetch(data.statusUrl, { headers: { Accept: "application/json" } });
        var body = await response.json();
        if (body.confirmed) { window.location.assign(data.doneUrl); return; }
        if (body.declined && !body.paid) { fail(data.textDeclined); return; }
      } catch (e) { /* a network hiccup: ask again */ }
      await sleep(500);
    }
    busy(false);
    button.disabled = true;
    status.textContent = data.textSlow;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    busy(true);
    var tokenResult;
    try {
      tokenResult = await stripe.createToken(card);
    } catch (e) {
      tokenResult = null;  // nothing typed in yet, or a field the card element cannot read
    }
    if (!tokenResult || tokenResult.error || !tokenResult.token) {
      var unreachable = tokenResult && tokenResult.error &&
        tokenResult.error.type === "api_connection_error";
      fail(unreachable ? data.textNetwork : data.textCard); return;
    }
    var response, body;
    try {
      response = await fetch(data.payUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": data.csrf,
                   Accept: "application/json" },
        body: JSON.stringify({ token: tokenResult.token.id })
      });
      body = await response.json();
    } catch (e) {
      fail(data.textNetwork); return;
    }
    if (!response.ok) { fail((body.error && body.error.message) || data.textNetwork); return; }
    if (body.status === "requires_action") {
      // 3-D Secure: the bank's check, in Stripe's own dialog.
      var result = await stripe.confirmCardPayment(body.client_secret);
      var intent = result && result.paymentIntent;
      if (!intent || (intent.status !== "succeeded" && intent.status !== "processing")) {
        fail(data.textAuth); return;
      }
    } else if (body.status !== "succeeded" && body.status !== "processing") {
      fail(data.textDeclined); return;
    }
    waitForConfirmation();
  });
})();
