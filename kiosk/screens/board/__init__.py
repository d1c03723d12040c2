"""The lounge board's screen: `now_serving.py` beside `now_serving.kv`, shown by the board app
(kiosk.ui.board_app) as "board_now_serving", its class `BoardNowServingScreen`, so neither its
name nor its `.kv` rules meet the kiosk's own."""
