"""Short generated recordings for a few demo calls, so that the player of the call form
and the recordings list work in the demo (CC-3). No audio file is kept in the
repository: each WAV file (8 kHz, mono, 16 bit, a few seconds) is made here at
demo-load time from tones and silence: the ring-back tone (425 Hz, as Russian
networks play it), then the operator and the customer "speaking" in turns (bursts of
two tones of their own pitch with pauses). Run by the post_init_hook with demo data::

    DemoRecordingGenerator(env).generate()
"""

import base64
import io
import logging
import math
import random
import struct
import wave

_logger = logging.getLogger(__name__)

RATE = 8000  # Hz, telephone quality
AMPLITUDE = 9000
RING_HZ = 425


def _tone(seconds, frequencies, amplitude=AMPLITUDE):
    count = int(RATE * seconds)
    fade = min(count // 2, RATE // 100)  # 10 ms ramps: no clicks
    samples = []
    for n in range(count):
        value = sum(math.sin(2 * math.pi * f * n / RATE) for f in frequencies) / len(frequencies)
        ramp = min(1.0, n / fade if fade else 1.0, (count - n) / fade if fade else 1.0)
        samples.append(int(amplitude * ramp * value))
    return samples


def _silence(seconds):
    return [0] * int(RATE * seconds)


def demo_wav(seed, seconds=6.0):
    """A WAV file of about ``seconds``: 1 s of ring-back tone, 0.5 s of silence, then
    bursts of "speech" of the operator (higher pitch) and the customer in turns.
    Deterministic for a seed."""
    rng = random.Random(seed)
    samples = _tone(1.0, [RING_HZ]) + _silence(0.5)
    speakers = [(330.0, 495.0), (220.0, 275.0)]  # operator, customer
    turn = 0
    while len(samples) < RATE * seconds:
        low, high = speakers[turn % 2]
        for _ in range(rng.randint(2, 4)):  # syllables
            samples += _tone(rng.uniform(0.12, 0.3), [low * rng.uniform(0.95, 1.05), high])
            samples += _silence(rng.uniform(0.04, 0.1))
        samples += _silence(rng.uniform(0.25, 0.5))
        turn += 1
    samples = samples[: int(RATE * seconds)]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(RATE)
        audio.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buffer.getvalue()


class DemoRecordingGenerator:
    """Recordings of the last answered demo calls of each operator."""

    def __init__(self, env, per_operator=3):
        self.env = env
        self.per_operator = per_operator

    def generate(self):
        source = self.env.ref("sce_callcenter.sce_cti_source_demo")
        Call = self.env["sce.call"]
        Recording = self.env["sce.call.recording"]
        calls = Call.browse()
        for user in (
            self.env.ref("sce_appeals.user_sce_operator"),
            self.env.ref("sce_appeals.user_sce_consultant"),
        ):
            calls |= Call.search(
                [
                    ("source_id", "=", source.id),
                    ("disposition", "=", "answered"),
                    ("user_id", "=", user.id),
                    ("recording_ids", "=", False),
                ],
                order="date_start desc",
                limit=self.per_operator,
            )
        values = []
        for call in calls:
            seconds = max(4, min(call.talk_duration or 6, 8))
            values.append(
                {
                    "call_id": call.id,
                    "origin": "pbx",
                    "audio": base64.b64encode(demo_wav(call.id, seconds)),
                    "filename": f"{call.external_call_id}.wav",
                }
            )
        recordings = Recording.create(values)
        _logger.info("sce_callcenter demo: %d generated recordings", len(recordings))
        return recordings
