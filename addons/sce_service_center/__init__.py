from . import controllers, models, report, wizards


def post_init_hook(env):
    """Generate today's queue through the workflow methods, when the module is installed
    with demo data; the centers, windows and hall staff are in demo/*.xml."""
    if env.ref("base.module_sce_service_center").demo:
        from .demo.generator import QueueDemoGenerator  # noqa: PLC0415 - demo databases only

        QueueDemoGenerator(env).generate()
        from .demo.history import QueueHistoryGenerator  # noqa: PLC0415 - demo databases only

        QueueHistoryGenerator(env).generate()
