//! Raw input → [`storyline_model::Article`].
