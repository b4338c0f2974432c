// "Printen": shows the button and prints the page. Without JavaScript the browser's own print works.
document.querySelectorAll(".pib-print").forEach(function (knop) {
  knop.hidden = false;
  knop.addEventListener("click", function () { window.print(); });
});
