// "Printen" on every result list. The control is a link to the print page of the same list (?printen=1), so it
// works without JavaScript; here its click prints the page itself, whose print stylesheet (pib.css, @media print)
// hides the navigation, forms and checkboxes. Older pages have a hidden <button class="pib-print">: shown here.
document.querySelectorAll(".pib-print").forEach(function (knop) {
  knop.hidden = false;
  knop.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
