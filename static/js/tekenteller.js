// S-48 (fn 35): a visible count of the characters left per answer, as the server counts them (a line break is
// one character). Progressive enhancement only: without JavaScript the help text names the maximum and the
// server refuses a longer answer with "Lengte is ongeldig".
(function () {
  document.querySelectorAll("textarea[data-maximum]").forEach(function (veld) {
    var teller = document.getElementById(veld.getAttribute("data-teller"));
    if (!teller) return;
    var maximum = parseInt(veld.getAttribute("data-maximum"), 10);
    function toon() {
      var over = maximum - veld.value.replace(/\r\n/g, "\n").length;
      var aantal = Math.abs(over);
      var woord = aantal === 1 ? " teken" : " tekens";
      teller.textContent = over >= 0 ? "Nog " + aantal + woord + " over." : aantal + woord + " te veel.";
    }
    veld.addEventListener("input", toon);
    toon();
  });
})();
