//! Reading spec files with located errors.
