from . import controllers, models


def post_init_hook(env):
    """Demo databases get a few service requests, submitted through the reception's own
    code, and published answers to the generated answered complaints (WEB-2, WEB-5)."""
    if env.ref("base.module_sce_portal").demo:
        from .demo.portal_demo import generate  # noqa: PLC0415 - demo databases only

        generate(env)
