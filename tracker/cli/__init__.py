"""The `tracker` command line. Look-up commands never import Textual."""
