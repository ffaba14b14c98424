//! Checking specs and resolving them into the IR.
