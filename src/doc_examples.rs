//! The Rust examples of the generated Markdown reference (`generated/docs/`)
//! compiled as doctests, so the reference cannot drift from the generated
//! API. `tests/doc_examples_listed.rs` fails when a page with a Rust example
//! is missing from the generated list included here.

macro_rules! doc_pages {
    ($(#[$cfg:meta] $name:ident => $page:literal),* $(,)?) => {
        $(
            // Each page behind its provider's feature (the `#[cfg]` the
            // list gives); the path is relative to the invocation, the
            // generated list beside the pages.
            #[$cfg]
            #[doc = include_str!($page)]
            pub struct $name;
        )*
    };
}

// The list of pages is generated from spec/ with the reference
// (`payspec generate` writes it beside the pages), so adding an endpoint
// needs no edit here.
include!("../generated/docs/doctests.rs");
