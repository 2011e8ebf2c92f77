//! Compile-time behaviour of `#[differentiable]` and the extension traits:
//! each misuse is a spanned error with a hint (`tests/ui/fail`), and correct
//! uses compile cleanly (`tests/ui/pass`). Regenerate the expected output
//! with `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
