"""What the demo's parts share: who writes (the seed, audited as such) and the counties."""

from __future__ import annotations

from kumppani.core.actor import Actor

ACTOR = Actor.system("seed_demo")
EP, OB = "16", "17"  # Etelä-Pohjanmaa, Pohjanmaa
