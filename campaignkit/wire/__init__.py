"""Vendor wire formats: each module reads and writes one vendor's JSON exactly.

- :mod:`campaignkit.wire.genesys`: the OCS CampaignGroupState notification and the
  Stat Server object names.
- :mod:`campaignkit.wire.eightbyeight`: the 8x8 CC campaign status API.
- :mod:`campaignkit.wire.voipbin`: the VoIPbin campaign resource.
"""
