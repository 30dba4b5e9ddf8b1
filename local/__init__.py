"""The embedded dev runner: moto server + the Chalice app + the web pages. Never deployed."""
