// S-11 / S-12 "Details contactpersoon": show the telefoon and e-mail of the chosen contactpersoon.
// Progressive enhancement only: without JavaScript the option labels already carry the e-mail.
(function () {
  document.querySelectorAll("[data-details-voor]").forEach(function (blok) {
    var select = document.getElementById(blok.getAttribute("data-details-voor"));
    if (!select) return;
    function toon() {
      var optie = select.options[select.selectedIndex];
      ["telefoon", "email"].forEach(function (naam) {
        var waarde = optie ? optie.getAttribute("data-" + naam) : "";
        blok.querySelector('[data-detail="' + naam + '"]').textContent = waarde || "-";
      });
    }
    select.addEventListener("change", toon);
    toon();
  });
})();
