"""The station's Qt front end: widgets collect and show; rules live in desktop.records."""
