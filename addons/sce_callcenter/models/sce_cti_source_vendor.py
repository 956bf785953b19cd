import base64
import hashlib
import hmac
import json
import re
import time
from datetime import UTC, datetime
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytz
import requests

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sce_call_event import SceCtiPayloadError, SceRecordingLinkError

# The order of the neutral event types within one call, used as the sequence of events
# a vendor sends without a call-wide counter: a late event never rolls the call back.
SEQUENCE_OF_TYPE = {
    "call_started": 10,
    "ivr_step": 20,
    "queued": 30,
    "ringing": 40,
    "answered": 50,
    "transferred": 60,
    "ended": 90,
    "recording_ready": 95,
}
MANGO_KINDS = ("call", "summary", "record/added")
MANGO_API_URL = "https://app.mango-office.ru/vpbx"
# How long a recording link made for the download job stays valid (Mango API 3.5.2):
# long enough for the job's retries, short because the link needs no other secret.
MANGO_LINK_SECONDS = 6 * 3600
ZADARMA_INBOUND = ("NOTIFY_START", "NOTIFY_IVR", "NOTIFY_INTERNAL", "NOTIFY_ANSWER", "NOTIFY_END")
ZADARMA_OUTBOUND = ("NOTIFY_OUT_START", "NOTIFY_OUT_END")
ZADARMA_EVENTS = (*ZADARMA_INBOUND, *ZADARMA_OUTBOUND, "NOTIFY_RECORD")
ZADARMA_API_URL = "https://api.zadarma.com"
ZADARMA_RECORD_METHOD = "/v1/pbx/record/request/"
# Answers of an API (or a PBX) worth asking again later.
RETRYABLE_STATUSES = (408, 425, 429, 500, 502, 503, 504)


def _tz_list(self):
    return [(tz, tz) for tz in pytz.common_timezones]


class SceCtiSource(models.Model):
    """Vendor adapters of a PBX source (CC-3): Mango Office and Zadarma post their own
    webhooks, signed their own way; each is translated into the vendor-neutral events of
    the CTI API and applied through the same ingestion path."""

    _inherit = "sce.cti.source"

    vendor = fields.Selection(
        [
            ("generic", "Vendor-neutral CTI API"),
            ("mango", "Mango Office"),
            ("zadarma", "Zadarma"),
        ],
        default="generic",
        required=True,
        help="How the PBX reports its calls: the vendor-neutral JSON API of this addon, or "
        "the webhooks of Mango Office or Zadarma through their adapters.",
    )
    mango_api_key = fields.Char(
        string="Mango unique code (vpbx_api_key)",
        copy=False,
        index="btree_not_null",
        groups="sce_callcenter.group_sce_cc_supervisor",
        help="The unique code of the virtual PBX, sent by Mango Office in every notification.",
    )
    mango_api_salt = fields.Char(
        string="Mango signing key (vpbx_api_salt)",
        copy=False,
        groups="sce_callcenter.group_sce_cc_supervisor",
        help="The key Mango Office signs its notifications with: sign = sha256(code + json "
        "+ key).",
    )
    zadarma_api_secret = fields.Char(
        string="Zadarma API secret",
        copy=False,
        groups="sce_callcenter.group_sce_cc_supervisor",
        help="The secret of the Zadarma API keys: it signs the Signature header of every "
        "notification.",
    )
    zadarma_api_key = fields.Char(
        string="Zadarma API key",
        copy=False,
        groups="sce_callcenter.group_sce_cc_supervisor",
        help="The key (user key) of the Zadarma API keys: with the secret it signs the "
        "API requests that fetch call recordings.",
    )
    zadarma_api_url = fields.Char(
        string="Zadarma API address",
        default=ZADARMA_API_URL,
        help="Base address of Zadarma's API; recordings are requested from it.",
    )
    mango_api_url = fields.Char(
        string="Mango API address",
        default=MANGO_API_URL,
        help="Base address of the API of the virtual PBX; recordings are downloaded from it.",
    )
    pbx_tz = fields.Selection(
        _tz_list,
        string="PBX time zone",
        default="Europe/Moscow",
        help="The time zone of the PBX account: Zadarma sends the call start as local time.",
    )

    @api.constrains("vendor", "mango_api_key", "mango_api_salt", "zadarma_api_secret")
    def _check_vendor_credentials(self):
        for source in self.sudo():
            if source.vendor == "mango" and not (source.mango_api_key and source.mango_api_salt):
                raise ValidationError(
                    self.env._(
                        "PBX source %(pbx)s: Mango Office needs its unique code and its "
                        "signing key.",
                        pbx=source.display_name,
                    )
                )
            if source.vendor == "zadarma" and not source.zadarma_api_secret:
                raise ValidationError(
                    self.env._(
                        "PBX source %(pbx)s: Zadarma needs the secret of its API keys.",
                        pbx=source.display_name,
                    )
                )

    # ------------------------------------------------------------------ signatures

    def _sce_mango_check_sign(self, api_key, json_text, sign):
        """Mango Office: the notification's ``vpbx_api_key`` is this source's unique code
        and ``sign`` = hex sha256(vpbx_api_key + json + vpbx_api_salt)."""
        self.ensure_one()
        if not (api_key and json_text and sign and self.mango_api_key and self.mango_api_salt):
            return False
        if not hmac.compare_digest(api_key.encode(), self.mango_api_key.encode()):
            return False
        expected = hashlib.sha256(
            (self.mango_api_key + json_text + self.mango_api_salt).encode()
        ).hexdigest()
        return hmac.compare_digest(expected, sign.strip().lower())

    def _sce_zadarma_signature(self, signed_text):
        """Zadarma: base64 of the hex HMAC-SHA1 of the event's signed fields with the
        API secret (their PHP reference: base64_encode(hash_hmac('sha1', ..., secret)))."""
        self.ensure_one()
        digest = hmac.new(
            self.zadarma_api_secret.encode(), signed_text.encode(), hashlib.sha1
        ).hexdigest()
        return base64.b64encode(digest.encode()).decode()

    def _sce_zadarma_check_signature(self, form, signature):
        self.ensure_one()
        if not (signature and self.zadarma_api_secret):
            return False
        expected = self._sce_zadarma_signature(self._sce_zadarma_signed_text(form))
        return hmac.compare_digest(expected, signature.strip())

    @api.model
    def _sce_zadarma_signed_text(self, form):
        """The fields Zadarma signs, per event, concatenated."""
        event = form.get("event")
        if event in ("NOTIFY_START", "NOTIFY_IVR", "NOTIFY_INTERNAL", "NOTIFY_END"):
            keys = ("caller_id", "called_did", "call_start")
        elif event == "NOTIFY_ANSWER":
            keys = ("caller_id", "destination", "call_start")
        elif event in ZADARMA_OUTBOUND:
            keys = ("internal", "destination", "call_start")
        elif event == "NOTIFY_RECORD":
            keys = ("pbx_call_id", "call_id_with_rec")
        else:
            raise SceCtiPayloadError("invalid_type", "Unknown Zadarma event.")
        return "".join(form.get(key) or "" for key in keys)

    def _sce_zadarma_api_headers(self, method, params):
        """Zadarma API v1 request signature: the parameters sorted by name and
        URL-encoded (spaces as +), sign = base64(hex HMAC-SHA1(method + params +
        hex md5(params), secret)); header ``Authorization: <key>:<sign>``. ``method``
        is the request's path, e.g. ``/v1/pbx/record/request/``."""
        self.ensure_one()
        text = urlencode(sorted(params.items()))
        signed = method + text + hashlib.md5(text.encode()).hexdigest()
        return {
            "Authorization": f"{self.zadarma_api_key or ''}:{self._sce_zadarma_signature(signed)}"
        }

    def _sce_recording_download_url(self, url, timeout):
        """The address the recordings' download job fetches for ``url``, as the event
        gave it. Zadarma gives a recording only through a signed API request
        (``GET /v1/pbx/record/request/?call_id=…``) that answers a short-lived link:
        asked here, just before the download. Raises SceRecordingLinkError."""
        self.ensure_one()
        base = (self.zadarma_api_url or ZADARMA_API_URL).rstrip("/")
        if self.vendor != "zadarma" or not url.startswith(base + ZADARMA_RECORD_METHOD):
            return url
        if not (self.zadarma_api_key and self.zadarma_api_secret):
            raise SceRecordingLinkError("the Zadarma API key and secret are not set")
        params = dict(parse_qsl(urlsplit(url).query))
        try:
            answer = requests.get(
                base + ZADARMA_RECORD_METHOD,
                params=sorted(params.items()),
                headers=self._sce_zadarma_api_headers(ZADARMA_RECORD_METHOD, params),
                timeout=timeout,
            )
        except requests.RequestException as error:
            raise SceRecordingLinkError(
                f"Zadarma API: {type(error).__name__}: {error}", retryable=True
            ) from error
        if answer.status_code in RETRYABLE_STATUSES:
            raise SceRecordingLinkError(f"Zadarma API: HTTP {answer.status_code}", retryable=True)
        try:
            data = answer.json()
        except ValueError:
            data = None
        if answer.status_code >= 400 or not isinstance(data, dict):
            message = data.get("message") if isinstance(data, dict) else ""
            raise SceRecordingLinkError(f"Zadarma API: HTTP {answer.status_code} {message}".strip())
        link = data.get("link") or next(iter(data.get("links") or []), None)
        if data.get("status") != "success" or not isinstance(link, str):
            raise SceRecordingLinkError(f"Zadarma API: {data.get('message') or 'no link'}")
        if not link.startswith(("http://", "https://")):
            raise SceRecordingLinkError("Zadarma API: the link is not an http(s) URL")
        return link

    # ------------------------------------------------------------------ Mango Office

    def _sce_neutral(self, event_id, call_id, event_type, moment, **extra):
        """A vendor-neutral event of this source, as the CTI API receives it."""
        self.ensure_one()
        event = {
            "source": self.code,
            "event_id": event_id,
            "call_id": call_id,
            "sequence": SEQUENCE_OF_TYPE[event_type],
            "type": event_type,
            "timestamp": moment.astimezone(UTC).isoformat(),
        }
        event.update({key: value for key, value in extra.items() if value not in (None, "")})
        return event

    @api.model
    def _sce_unix_time(self, value, field):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise SceCtiPayloadError("invalid_field", f"{field} must be a Unix time.")
        try:
            seconds = int(value)
        except ValueError as error:
            raise SceCtiPayloadError("invalid_field", f"{field} must be a Unix time.") from error
        if seconds <= 0:
            return None
        return datetime.fromtimestamp(seconds, UTC)

    def _sce_mango_events(self, kind, json_text):
        """The neutral events of one Mango Office notification (``kind``: call, summary,
        record/added; ``json_text``: its json field). Internal calls between employees
        and intermediate states give no event."""
        self.ensure_one()
        try:
            data = json.loads(json_text)
        except ValueError as error:
            raise SceCtiPayloadError(
                "malformed_json", "The json field is not valid JSON."
            ) from error
        if not isinstance(data, dict) or not data.get("entry_id"):
            raise SceCtiPayloadError("missing_fields", "Missing fields: entry_id.")
        if kind == "call":
            return self._sce_mango_call_events(data)
        if kind == "summary":
            return self._sce_mango_summary_events(data)
        return self._sce_mango_record_events(data)

    @staticmethod
    def _sce_party(data, key):
        party = data.get(key)
        return party if isinstance(party, dict) else {}

    def _sce_mango_call_events(self, data):
        missing = [key for key in ("call_id", "seq", "call_state", "timestamp") if key not in data]
        if missing:
            raise SceCtiPayloadError(
                "missing_fields", "Missing fields: {}.".format(", ".join(missing))
            )
        source, target = self._sce_party(data, "from"), self._sce_party(data, "to")
        moment = self._sce_unix_time(data["timestamp"], "timestamp")
        if moment is None:
            raise SceCtiPayloadError("invalid_field", "timestamp must be a Unix time.")
        state, location = data["call_state"], data.get("location")
        if source.get("extension") and target.get("extension"):
            return []  # an internal call between two employees: not a customer's call
        outbound = bool(source.get("extension"))
        event_type = None
        if outbound:
            event_type = {"Appeared": "call_started", "Connected": "answered"}.get(state)
            agent = source.get("extension")
        elif state == "Appeared":
            agent = target.get("extension")
            event_type = {"ivr": "call_started", "queue": "queued"}.get(location)
            if location == "abonent":
                event_type = "transferred" if data.get("transfer") else "ringing"
        elif state == "Connected":
            agent = target.get("extension")
            event_type = {"ivr": "ivr_step", "abonent": "answered"}.get(location)
        if not event_type:
            return []  # OnHold, Disconnected of a leg: the summary ends the call
        return [
            self._sce_neutral(
                "mango-call:{}:{}".format(data["call_id"], data["seq"]),
                data["entry_id"],
                event_type,
                moment,
                direction="outbound" if outbound else "inbound",
                caller=source.get("number"),
                called=target.get("number") if outbound else target.get("line_number"),
                queue=target.get("acd_group"),
                agent=agent,
                data={"vendor": "mango", "call_state": state, "location": location},
            )
        ]

    def _sce_mango_summary_events(self, data):
        """The summary ends the call and carries its whole story (start, forward, answer,
        end), so a call is right even when the call notifications are not subscribed."""
        missing = [key for key in ("call_direction", "create_time", "end_time") if key not in data]
        if missing:
            raise SceCtiPayloadError(
                "missing_fields", "Missing fields: {}.".format(", ".join(missing))
            )
        if str(data["call_direction"]) not in ("1", "2"):
            return []  # 0: an internal call between employees
        outbound = str(data["call_direction"]) == "2"
        source, target = self._sce_party(data, "from"), self._sce_party(data, "to")
        entry = data["entry_id"]
        created = self._sce_unix_time(data["create_time"], "create_time")
        forwarded = self._sce_unix_time(data.get("forward_time", 0), "forward_time")
        talked = self._sce_unix_time(data.get("talk_time", 0), "talk_time")
        ended = self._sce_unix_time(data["end_time"], "end_time")
        if not created or not ended:
            raise SceCtiPayloadError("invalid_field", "create_time and end_time are required.")
        agent = source.get("extension") if outbound else target.get("extension")
        common = {
            "direction": "outbound" if outbound else "inbound",
            "caller": source.get("number"),
            "called": target.get("number") if outbound else data.get("line_number"),
        }
        prefix = f"mango-summary:{entry}:"
        events = [self._sce_neutral(prefix + "start", entry, "call_started", created, **common)]
        if not outbound and forwarded and agent:
            # Offered to the extension in "to" (who answered, or the first who missed);
            # without one the call stayed in the IVR (Mango stamps forward_time anyway).
            events.append(
                self._sce_neutral(prefix + "forward", entry, "ringing", forwarded, agent=agent)
            )
        if talked:
            events.append(
                self._sce_neutral(prefix + "answer", entry, "answered", talked, agent=agent)
            )
        events.append(
            self._sce_neutral(
                prefix + "end",
                entry,
                "ended",
                ended,
                data={
                    "vendor": "mango",
                    "entry_result": data.get("entry_result"),
                    "disconnect_reason": data.get("disconnect_reason"),
                },
            )
        )
        return events

    def _sce_mango_record_events(self, data):
        """The recording is in Mango's cloud: the download job fetches it through a
        signed link (API 3.5.2, to be enabled in Mango's account): GET
        <api>/queries/recording/link/<recording_id>/download/<vpbx_api_key>/<expiry>/<sign>
        with sign = sha256(vpbx_api_key + expiry + recording_id + vpbx_api_salt)."""
        recording = data.get("recording_id")
        if not isinstance(recording, str) or not re.match(r"^[A-Za-z0-9+/=_-]{1,128}$", recording):
            raise SceCtiPayloadError("missing_fields", "Missing or invalid field: recording_id.")
        moment = self._sce_unix_time(data.get("timestamp") or 0, "timestamp")
        expiry = str(int(time.time()) + MANGO_LINK_SECONDS)
        sign = hashlib.sha256(
            (self.mango_api_key + expiry + recording + self.mango_api_salt).encode()
        ).hexdigest()
        base = (self.mango_api_url or MANGO_API_URL).rstrip("/")
        url = "{}/queries/recording/link/{}/download/{}/{}/{}".format(
            base, quote(recording, safe=""), quote(self.mango_api_key, safe=""), expiry, sign
        )
        return [
            self._sce_neutral(
                f"mango-record:{recording}",
                data["entry_id"],
                "recording_ready",
                moment or datetime.now(UTC),
                data={
                    "vendor": "mango",
                    "recording_id": recording,
                    "user_id": data.get("user_id"),
                    "url": url,
                },
            )
        ]

    # ------------------------------------------------------------------ Zadarma

    def _sce_zadarma_call_start(self, value):
        """Zadarma's call_start, local time of the PBX account ("2026-11-02 10:00:05")."""
        self.ensure_one()
        try:
            moment = datetime.strptime((value or "").strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError as error:
            raise SceCtiPayloadError(
                "invalid_timestamp", "call_start must be YYYY-MM-DD HH:MM:SS."
            ) from error
        return pytz.timezone(self.pbx_tz or "Europe/Moscow").localize(moment)

    def _sce_zadarma_events(self, form, now=None):
        """The neutral events of one Zadarma notification (``form``: its POST fields).
        Zadarma stamps only the call's start, so the other events are timed on arrival
        (they are sent while the call goes on); their order comes from their type."""
        self.ensure_one()
        now = now or datetime.now(UTC)
        event = form.get("event")
        if event not in ZADARMA_EVENTS:
            raise SceCtiPayloadError("invalid_type", "Unknown Zadarma event.")
        call = form.get("pbx_call_id")
        if not call:
            raise SceCtiPayloadError("missing_fields", "Missing fields: pbx_call_id.")
        # Zadarma repeats a notification it could not deliver: the same fields, one event.
        fingerprint = hashlib.sha1(
            json.dumps(sorted(form.items()), ensure_ascii=False).encode()
        ).hexdigest()[:16]
        event_id = f"zadarma:{call}:{event}:{fingerprint}"
        vendor_data = {"vendor": "zadarma", "event": event}
        if event == "NOTIFY_RECORD":
            record = form.get("call_id_with_rec")
            if not record:
                raise SceCtiPayloadError("missing_fields", "Missing fields: call_id_with_rec.")
            # Zadarma gives the file only through a signed API request
            # (pbx/record/request), made by the download job just before it fetches
            # the short-lived link it answers.
            base = (self.zadarma_api_url or ZADARMA_API_URL).rstrip("/")
            url = base + ZADARMA_RECORD_METHOD + "?" + urlencode({"call_id": record})
            return [
                self._sce_neutral(
                    f"zadarma-record:{record}",
                    call,
                    "recording_ready",
                    now,
                    data={"vendor": "zadarma", "call_id_with_rec": record, "url": url},
                )
            ]
        start = self._sce_zadarma_call_start(form.get("call_start"))
        outbound = event in ZADARMA_OUTBOUND
        common = {
            "direction": "outbound" if outbound else "inbound",
            "caller": form.get("internal") if outbound else form.get("caller_id"),
            "called": form.get("destination") if outbound else form.get("called_did"),
        }
        if event in ("NOTIFY_START", "NOTIFY_OUT_START"):
            return [self._sce_neutral(event_id, call, "call_started", start, **common)]
        if event == "NOTIFY_IVR":
            vendor_data["wait_dtmf"] = {
                key: form.get(f"wait_dtmf[{key}]")
                for key in ("name", "digits", "default_behaviour")
                if form.get(f"wait_dtmf[{key}]") is not None
            }
            return [self._sce_neutral(event_id, call, "ivr_step", now, data=vendor_data, **common)]
        if event == "NOTIFY_INTERNAL":
            return [self._sce_neutral(event_id, call, "ringing", now, agent=form.get("internal"))]
        if event == "NOTIFY_ANSWER":
            return [self._sce_neutral(event_id, call, "answered", now, agent=form.get("internal"))]
        # NOTIFY_END / NOTIFY_OUT_END: the end, and the answer its duration implies (the
        # answer notification may never have come, e.g. for an outbound call).
        duration = form.get("duration") or "0"
        if not duration.isdigit():
            raise SceCtiPayloadError("invalid_field", "duration must be a number of seconds.")
        vendor_data.update(
            {
                key: form.get(key)
                for key in ("disposition", "status_code", "is_recorded", "call_id_with_rec")
                if form.get(key)
            }
        )
        events = []
        if form.get("disposition") == "answered":
            answered = datetime.fromtimestamp(
                max(now.timestamp() - int(duration), start.timestamp()), UTC
            )
            events.append(
                self._sce_neutral(
                    f"zadarma:{call}:answer-of-{event}",
                    call,
                    "answered",
                    answered,
                    agent=form.get("internal"),
                )
            )
        events.append(self._sce_neutral(event_id, call, "ended", now, data=vendor_data, **common))
        return events
