"""The app's pages' views: Overview, Indicator, Compare's panel, Data due, History."""
