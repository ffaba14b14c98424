//! Generates the Kedai Pay client from `spec/` into `OUT_DIR`; a spec error
//! fails the build with `payspec lint`'s located diagnostics.

fn main() -> Result<(), payspec_build::Error> {
    payspec_build::Builder::new().spec_dir("spec").compile()?;
    Ok(())
}
