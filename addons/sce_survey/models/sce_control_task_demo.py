from odoo import api, models

DEMO_MARK = "sce_survey.demo_control_loaded"


class SceControlTask(models.Model):
    _inherit = "sce.control.task"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _sce_load_demo_control(self):
        """Demo databases only (called by demo/control_demo.xml): months of complainant
        audits, quality checks and information audits with their control tasks, and a
        running telephone survey (CTRL-4, CTRL-5, CC-7 items 23–24). The records' names
        are built by the models in the database's language: the addon's Russian terms
        are loaded first when Russian is installed (they would come only after the demo)."""
        from ..demo.control_demo import ControlDemoGenerator  # noqa: PLC0415 - demo only

        env = self.env
        params = env["ir.config_parameter"].sudo()
        if params.get_param(DEMO_MARK):
            return {}  # an update reloads the demo files: generate once
        if env["res.lang"]._lang_get("ru_RU"):
            env["ir.module.module"]._load_module_terms(["sce_survey"], ["ru_RU"])
            env = env(context=dict(env.context, lang="ru_RU"))
        result = ControlDemoGenerator(env).generate()
        params.set_param(DEMO_MARK, "1")
        return {name: records.ids for name, records in result.items()}
