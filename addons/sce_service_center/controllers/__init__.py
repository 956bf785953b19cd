from . import board, kiosk
