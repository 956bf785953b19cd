import base64
import io
import re
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image

from odoo.tests import tagged

from .common import SceCabinetCase

# GOST R 56042-2014: the format header (ST00012: UTF-8) and the requisites every payment
# code must carry, in this order; then the optional ones we fill.
MANDATORY = ("Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc")


def decode_qr(image):
    """The texts of the QR codes a bank app's reader (zxing-cpp) finds in the image."""
    return [
        result.text
        for result in zxingcpp.read_barcodes(image.convert("L"))
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


@tagged("post_install", "-at_install")
class TestReceiptQrDecoding(SceCabinetCase):
    """WEB-3: the payment QR code of the receipt, decoded as a bank app reads it, is a
    GOST R 56042-2014 payment with the payee's requisites, the amount due and the
    personal account — from the cabinet's page and from the printed PDF."""

    def _assert_gost_payment(self, text):
        header, *pairs = text.split("|")
        self.assertEqual(header, "ST00012", "format ID and UTF-8 encoding")
        fields = dict(pair.split("=", 1) for pair in pairs)
        self.assertEqual(
            [key for key, _value in (p.split("=", 1) for p in pairs)][:5], list(MANDATORY)
        )
        self.assertEqual(
            fields,
            {
                "Name": "ПАО «Тестэнерго»",
                "PersonalAcc": "40702810000000000001",
                "BankName": "ПАО Тестбанк",
                "BIC": "049033000",
                "CorrespAcc": "30101810000000000000",
                "PayeeINN": "1502000001",
                "KPP": "151301001",
                "Sum": "30000",  # the debt of 300.00 ₽, in kopecks
                "Purpose": f"Электроэнергия, лицевой счёт {self.account_a.name}",
                "PersAcc": self.account_a.name,
            },
        )

    def test_web3_receipt_page_qr_decodes_to_the_gost_payment(self):
        self._login(self.portal_a)
        page = self._get(f"/my/accounts/{self.account_a.id}/receipt").text
        (img,) = re.findall(r"<img[^>]*o_sce_payment_qr[^>]*>", page)
        png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', img).group(1))
        (text,) = decode_qr(Image.open(io.BytesIO(png)))
        self._assert_gost_payment(text)

    def test_web3_printed_receipt_qr_decodes_to_the_gost_payment(self):
        # The PDF as wkhtmltopdf prints it (tests otherwise get the HTML), rasterised at
        # a phone camera's typical resolution of a printed page.
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="ru_RU")
            ._render_qweb_pdf("sce_portal.action_report_sce_account_receipt", self.account_a.ids)
        )
        self.assertEqual(report_type, "pdf")
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder, "receipt.pdf")
            source.write_bytes(pdf)
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "150",
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    source,
                    Path(folder, "page"),
                ],
                check=True,
                timeout=60,
            )
            (png,) = Path(folder).glob("page*.png")
            texts = decode_qr(Image.open(png))
        self.assertEqual(len(texts), 1, "one payment code on the receipt")
        self._assert_gost_payment(texts[0])
