"""Questions over the store: who backs which figure, disputes, match, verdicts."""
