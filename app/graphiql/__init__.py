"""GraphiQL served by Tandem itself: pinned browser files from web/graphiql, our own page."""
