from . import portal, reception
