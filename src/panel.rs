//! Dyad-year panels in the shape users of ATOP and peacesciencer expect.
