from . import cti, cti_vendors, ivr, recording
from . import outage
