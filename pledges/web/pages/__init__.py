"""Page scripts run by st.navigation: thin, each calling the service and the widgets."""
