//! Reading spec files: the serde model and the located loader.

pub mod load;
pub mod model;
pub mod spans;
pub mod tree;
pub mod value;
