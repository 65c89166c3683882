"""The data layer: models, database files, migrations, queries. No Qt here."""
