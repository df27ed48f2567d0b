"""Vendor wire formats: ``genesys``, ``eightbyeight``, ``voipbin``, ``HttpRequest``."""

from campaignkit.wire.http import HttpRequest

__all__ = ["HttpRequest"]
