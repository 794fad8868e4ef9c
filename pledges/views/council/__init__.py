"""The council one-pager (briefing page 1, the Overview's summary), the briefing's appendix."""
