//! Shared pieces of the `Display` impls.

use core::fmt;

/// Formats one part of a number, in parentheses when it is itself a
/// compound number (a nested dual such as `(1 + 1ε) + (1 + 0ε)ε`).
/// Precision and other flags are passed on to the part.
pub(crate) struct Part<'a, T>(pub &'a T);

impl<T: fmt::Display> fmt::Display for Part<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Format once to see whether the part is compound.
        let text = match f.precision() {
            Some(p) => format!("{:.*}", p, self.0),
            None => format!("{}", self.0),
        };
        if text.contains(' ') {
            write!(f, "({text})")
        } else {
            f.write_str(&text)
        }
    }
}
