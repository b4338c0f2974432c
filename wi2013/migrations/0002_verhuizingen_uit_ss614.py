"""Issue 9 item 3: moves recorded before the Verhuizing table existed survive only as SS614 signals
(those retention has not deleted yet); turn each into a Verhuizing so the old gemeente keeps its view."""

from django.db import migrations


def ss614_naar_verhuizingen(apps, schema_editor):
    Signaal = apps.get_model("signalen", "Signaal")
    Verhuizing = apps.get_model("inburgering", "Verhuizing")
    signalen = Signaal.objects.filter(code="SS614", persoon__woongemeente__isnull=False).values_list(
        "persoon_id", "gemeente_id", "persoon__woongemeente_id", "datum"
    )
    for persoon_id, van, naar, datum in signalen.iterator():
        if van != naar:
            Verhuizing.objects.get_or_create(
                persoon_id=persoon_id, van_gemeente_id=van, naar_gemeente_id=naar, datum=datum
            )


class Migration(migrations.Migration):
    dependencies = [
        ("inburgering", "0004_verhuizingen"),
        ("signalen", "0002_uitgezonden_feiten"),
        ("wi2013", "0001_initial"),
    ]

    operations = [migrations.RunPython(ss614_naar_verhuizingen, migrations.RunPython.noop)]
