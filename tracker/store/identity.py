"""Who is running the program: the operating system's login, which the user cannot override."""

from __future__ import annotations

import os
import pwd


def current_login() -> str:
    """The OS login of this process (from the user database, not from environment variables)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid{os.getuid()}"
