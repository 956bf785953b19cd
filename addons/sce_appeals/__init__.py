from . import models, report, wizards


def post_init_hook(env):
    """Generate the variable part of the demo data (customers, accounts, readings, charges,
    payments and a year of appeals) through the ORM, when the module is installed with
    demo data; the fixed part is in demo/*.xml and demo/*.csv."""
    if env.ref("base.module_sce_appeals").demo:
        from .demo.generator import DemoGenerator  # noqa: PLC0415 - demo databases only

        DemoGenerator(env).generate()
