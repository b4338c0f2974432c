// Progressive enhancement of "Selecteren signalen": live counter and select-all on the page (Printen: printen.js).
// Without JavaScript the page works the same: the header box still selects the whole page on submit.
(function () {
  var form = document.querySelector(".pib-signalen-form");
  if (!form) return;
  var alles = form.querySelector(".pib-alles");
  var vakjes = Array.prototype.slice.call(form.querySelectorAll(".pib-selectie"));
  var teller = form.querySelector(".pib-selectie-teller");
  function tel() {
    var n = vakjes.filter(function (v) { return v.checked; }).length;
    teller.querySelector("[data-teller]").textContent = n;
  }
  teller.hidden = false;
  if (alles) {
    alles.addEventListener("change", function () {
      vakjes.forEach(function (v) { v.checked = alles.checked; });
      tel();
    });
  }
  vakjes.forEach(function (v) {
    v.addEventListener("change", function () {
      if (alles && !v.checked) alles.checked = false;
      tel();
    });
  });
  tel();
})();
