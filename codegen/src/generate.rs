//! Running the pipeline and writing or checking an output directory.
