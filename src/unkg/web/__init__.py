"""Stage `web`: the published site's parts: pages shaped like their subject (one module per kind), search, charts."""
