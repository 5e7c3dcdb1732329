"""Non-sequential public ids for private objects (DESIGN.md §4: never expose database ids)."""

import base64
import secrets


def new_public_id() -> str:
    """120 random bits as 24 lowercase base32 characters: unguessable and URL-safe."""
    return base64.b32encode(secrets.token_bytes(15)).decode("ascii").lower()
