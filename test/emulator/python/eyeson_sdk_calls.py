"""Calls of eyeson's Python SDK (PyPI `eyeson` 0.0.6), unchanged, against the emulator.

test/emulator/pythonSdk.spec.ts runs this with the SDK on PYTHONPATH (scripts/install-eyeson-python.sh) and
asserts on what each call returned and on what the emulator logged for it. Nothing of the SDK is patched:
only its documented arguments are used, with `base_url` pointing at the emulator.

Environment: EMULATOR_URL, EYESON_API_KEY, WEBHOOK_URL. Each call prints one line
`@@call <json>` with {"call": name, "value": what the SDK returned}; the SDK's own prints go between them.
"""

import json
import os
import struct
import sys
import tempfile
import zlib

from eyeson.eyeson import EyesonClient

URL = os.environ["EMULATOR_URL"]
API_KEY = os.environ["EYESON_API_KEY"]
WEBHOOK_URL = os.environ["WEBHOOK_URL"]


def report(call, value):
    print("@@call " + json.dumps({"call": call, "value": value}), flush=True)


def png_1x1():
    """A valid 1x1 PNG, for the SDK's file layer."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# create_room sends everything in the query string: user[name], user[id], id=room1, options[layout],
# options[sfu_mode], its misspelt options[cupythostom_fields][virtual_background] and
# options[custom_fields][virtual_background_allow_guest], with Python's True as "True".
host = EyesonClient.create_room("alice", API_KEY, base_url=URL)
report("create_room", host.room_details)

report("get_room", EyesonClient.get_room(host.access_key, base_url=URL, debug=False).room_details)
report("get_room_details", host.get_room_details())
report("broadcast_message", host.broadcast_message("hello from python"))

# The default layout call sends map=null (json.dumps(None)) next to layout=auto and name=six.
report("change_layout_default", host.change_layout())
report(
    "change_layout_custom",
    host.change_layout(
        layout_type="custom",
        layout_name="two",
        users=["alice", ""],
        map=[[0, 0, 640, 720, "cover"], [640, 0, 640, 720, "cover"]],
    ),
)

report("image_overlay", host.image_overlay(url="https://example.com/status.png", z_index=1))
report("text_overlay", host.text_overlay("Incident 42", "All hands in the war room"))
with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as image:
    image.write(png_1x1())
try:
    report("local_image_overlay", host.local_image_overlay(filename=image.name, z_index=-1))
finally:
    os.unlink(image.name)
report("bytes_image_overlay", host.bytes_image_overlay(bytes=png_1x1(), z_index=1))
report("delete_layers", host.delete_layers(1))

report(
    "playback",
    host.playback(url="https://example.com/briefing.webm", name="Briefing", play_id="briefing"),
)
report("create_snapshot", host.create_snapshot())

# EyesonClient.register_guest(url) cannot be pointed at an emulator (it takes no base_url and always calls
# api.eyeson.team), so the guest joins through join_guest, the call register_guest makes.
guest_token = host.room_details["room"]["guest_token"]
guest = EyesonClient(base_url=URL)
joined = guest.join_guest(guest_token, "Bob")
report("join_guest", json.loads(joined))

report("create_webhook", host.create_webhook(WEBHOOK_URL, "room_update"))
report("get_webhooks", host.get_webhooks())
report("get_rooms", host.get_rooms())
report("get_recordings", host.get_recordings())
report("room_after", host.get_room_details())
sys.exit(0)
