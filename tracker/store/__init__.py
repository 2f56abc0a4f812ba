"""The SQLite store: schema, migrations, values with revisions, the change log, units and catalog."""
