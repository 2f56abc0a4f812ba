"""The Textual user interface: the månadsstatistik grid and its screens."""
