from . import board, cti, cti_vendors, ivr, outage, recording, sms
