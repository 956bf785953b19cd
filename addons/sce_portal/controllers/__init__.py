from . import cabinet, portal, reception, services
