"""Pure domain logic: periods, the catalog, statistics and Swedish formatting. No I/O, no Textual."""
