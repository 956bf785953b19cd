from . import controllers, models, report, wizards


def post_init_hook(env):
    """Generate the demo month of calls through the CTI ingestion, when the module is
    installed with demo data; the PBX source and the operators are in demo/*.xml."""
    if env.ref("base.module_sce_callcenter").demo:
        from .demo.generator import CallDemoGenerator  # noqa: PLC0415 - demo databases only

        CallDemoGenerator(env).generate()
        from .demo.operator_states import OperatorStateDemoGenerator  # noqa: PLC0415

        OperatorStateDemoGenerator(env).generate()
        from .demo.recordings import DemoRecordingGenerator  # noqa: PLC0415

        DemoRecordingGenerator(env).generate()
