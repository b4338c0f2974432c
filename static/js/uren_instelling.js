// S-44: show the chosen instelling's "Tot nu toe doorgegeven" as soon as the select changes (the page works
// without this script: the "Toon" button does the same).
(function () {
  var select = document.getElementById("id_instelling");
  var toon = document.getElementById("uren-toon");
  if (select && toon) {
    select.addEventListener("change", function () { toon.click(); });
  }
})();
