"""Import and export, the annual report, and demo data."""
