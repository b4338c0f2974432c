"""Shared FS/AS messages with their exact Dutch text (seed 001 §4.2); law apps keep their own catalogues."""

FS602 = "Persoon is volgens BRP overleden"
FS603 = "BSN is ongeldig"
FS617 = "Persoon is volgens de BRP niet woonachtig in uw gemeente"
AS602 = "Persoon is volgens BRP overleden"

GEEN_TOEGANG = "U hebt geen rol waarmee u deze gegevens mag wijzigen."
