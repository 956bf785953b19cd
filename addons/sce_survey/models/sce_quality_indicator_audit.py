from odoo import api, fields, models


class SceQualityIndicatorAudit(models.Model):
    """GEN-8 input of the complainant audit (CTRL-5): of the complainants of an MRO asked
    in the period, the share who confirmed the promised measures were done and recorded
    in the CRM — the check of «Результативность обратной связи» by the customers
    themselves.

    audit_confirmed_share = confirmed / asked, where *asked* counts the drawn customers
    of the audits whose month starts in the period who answered (confirmed or reported a
    discrepancy; unreachable ones and unanswered surveys do not count) and *confirmed*
    those who answered yes to both questions. 0 when nobody was asked."""

    _inherit = "sce.quality.indicator"

    audit_asked_count = fields.Integer(string="Complainants asked (audit)")
    audit_confirmed_count = fields.Integer(string="Measures confirmed (audit)")
    audit_confirmed_share = fields.Float(
        string="Measures confirmed share", digits=(5, 4), aggregator="avg"
    )

    @api.model
    def _sce_recompute(self, date_from, date_to):
        indicators = super()._sce_recompute(date_from, date_to)
        counts = self._sce_audit_counts(date_from, date_to)
        missing = set(counts) - {indicator.mro_id.id or False for indicator in indicators}
        indicators |= self.create(
            [
                {"date_from": date_from, "date_to": date_to, "mro_id": mro_id}
                for mro_id in sorted(missing, key=lambda m: m or 0)
            ]
        )
        for indicator in indicators:
            asked, confirmed = counts.get(indicator.mro_id.id or False, (0, 0))
            if asked:  # the fields are 0 already: rows of MROs nobody asked cost no write
                indicator.write(
                    {
                        "audit_asked_count": asked,
                        "audit_confirmed_count": confirmed,
                        "audit_confirmed_share": confirmed / asked,
                    }
                )
        return indicators

    @api.model
    def _sce_audit_counts(self, date_from, date_to):
        """{mro id: (asked, confirmed)} of the complainant audits of months starting in
        the period."""
        groups = (
            self.env["sce.complaint.audit.line"]
            .sudo()
            ._read_group(
                [
                    ("date_from", ">=", date_from),
                    ("date_from", "<=", date_to),
                    ("state", "in", ("confirmed", "discrepancy")),
                ],
                ["mro_id", "state"],
                ["__count"],
            )
        )
        result = {}
        for mro, state, count in groups:
            asked, confirmed = result.get(mro.id or False, (0, 0))
            result[mro.id or False] = (
                asked + count,
                confirmed + (count if state == "confirmed" else 0),
            )
        return result
