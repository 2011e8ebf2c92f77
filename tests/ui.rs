//! Compile-time behaviour of `#[differentiable]` and the extension traits:
//! each misuse is a spanned error with a hint (`tests/ui/fail`, and with
//! the `nalgebra` feature `tests/ui/nalgebra`), and correct uses compile
//! cleanly (`tests/ui/pass`). Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test --all-features --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    #[cfg(feature = "nalgebra")]
    t.compile_fail("tests/ui/nalgebra/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
