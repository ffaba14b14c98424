//! Where each key of a YAML file is, for located lint messages.
