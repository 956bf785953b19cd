from . import cti, cti_vendors, ivr, outage, recording
