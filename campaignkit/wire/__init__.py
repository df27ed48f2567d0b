"""Vendor wire formats: each module reads and writes one vendor's JSON exactly.

- :mod:`campaignkit.wire.genesys`: the OCS CampaignGroupState notification and the
  Stat Server object names.
- :mod:`campaignkit.wire.eightbyeight`: the 8x8 CC campaign status API.
- :mod:`campaignkit.wire.voipbin`: the VoIPbin campaign resource.
- :mod:`campaignkit.wire.http`: :class:`HttpRequest`, the requests they build for
  a host to send (campaignkit itself does no I/O).
"""

from campaignkit.wire.http import HttpRequest

__all__ = ["HttpRequest"]
