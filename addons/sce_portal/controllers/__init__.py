from . import cabinet, portal, reception
