"""A stand-in for SMS.RU's HTTP API run as its own process by the tests (and by the
end-to-end test): ``python smsru_server.py <api_id> <log file>`` prints its port on the
first line of stdout (an optional third argument: seconds to wait before each answer),
then answers POST/GET /sms/send like the provider's JSON API
(api_id, to, msg, json=1) and appends every accepted message to the log as a JSON line.
Numbers ending in 0000 are refused per number (code 207), a wrong api_id gets code 200.
POST/GET /sms/status (api_id, sms_id comma-separated, json=1) answers the delivery
status of each message it sent: 104 (expired) for numbers ending in 9, 102 (in transit)
for numbers ending in 8, 103 (delivered) otherwise; -1 for an unknown id."""

# pylint: disable=print-used
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server_version = "SceSmsRuStandIn/1.0"

    def log_message(self, format, *args):  # noqa: A002 - quiet
        return

    def _answer(self, status, payload):
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _serve(self):
        if self.server.delay:
            time.sleep(self.server.delay)
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            params.update(parse_qs(self.rfile.read(length).decode()))
        params = {key: values[0] for key, values in params.items()}
        if url.path not in ("/sms/send", "/sms/status"):
            return self._answer(404, {"status": "ERROR", "status_code": 404})
        if params.get("api_id") != self.server.api_id:
            return self._answer(
                200, {"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"}
            )
        if url.path == "/sms/status":
            return self._status(params)
        if params.get("json") != "1" or not params.get("to") or not params.get("msg"):
            return self._answer(
                200, {"status": "ERROR", "status_code": 202, "status_text": "Неверные параметры"}
            )
        result = {}
        for number in params["to"].split(","):
            if number.endswith("0000"):
                result[number] = {
                    "status": "ERROR",
                    "status_code": 207,
                    "status_text": "На этот номер нельзя отправлять сообщения",
                }
                continue
            with LOCK:
                self.server.counter += 1
                sms_id = f"000000-{self.server.counter:08d}"
                self.server.numbers[sms_id] = number
                with open(self.server.log_path, "a", encoding="utf-8") as log:
                    log.write(
                        json.dumps(
                            {
                                "to": number,
                                "msg": params["msg"],
                                "sms_id": sms_id,
                                "from": params.get("from"),
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
            result[number] = {"status": "OK", "status_code": 100, "sms_id": sms_id}
        return self._answer(
            200, {"status": "OK", "status_code": 100, "sms": result, "balance": 4122.56}
        )

    def _status(self, params):
        if params.get("json") != "1" or not params.get("sms_id"):
            return self._answer(
                200, {"status": "ERROR", "status_code": 202, "status_text": "Неверные параметры"}
            )
        result = {}
        for sms_id in params["sms_id"].split(","):
            with LOCK:
                number = self.server.numbers.get(sms_id)
            if number is None:
                result[sms_id] = {
                    "status": "ERROR",
                    "status_code": -1,
                    "status_text": "Сообщение не найдено",
                }
            elif number.endswith("9"):
                result[sms_id] = {
                    "status": "OK",
                    "status_code": 104,
                    "status_text": "Не может быть доставлено: время жизни истекло",
                }
            elif number.endswith("8"):
                result[sms_id] = {"status": "OK", "status_code": 102, "status_text": "В пути"}
            else:
                result[sms_id] = {
                    "status": "OK",
                    "status_code": 103,
                    "status_text": "Сообщение доставлено",
                }
        return self._answer(
            200, {"status": "OK", "status_code": 100, "sms": result, "balance": 4122.56}
        )

    do_GET = do_POST = _serve


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.api_id = sys.argv[1]
    server.log_path = sys.argv[2]
    server.counter = 0
    server.numbers = {}
    server.delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
