//! Comparing two IRs and classifying every change.
