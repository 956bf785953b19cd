from odoo import http
from odoo.http import request


class OperatorBoardController(http.Controller):
    """The data of the operator board (CC-7 item 15) for the signed-in user: what their
    line may see, checked on the server (an AccessError for anyone else)."""

    @http.route("/sce/callcenter/board", type="json", auth="user")
    def board(self):
        return request.env["sce.operator.state"]._sce_board_data()
