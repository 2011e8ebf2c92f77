//! Shared pieces of the `Display` impls.

use core::fmt;

/// Formats one part of a number, in parentheses when it is itself a
/// compound number (a nested dual such as `(1 + 1ε) + (1 + 0ε)ε`).
/// The precision asked of the whole number (`{:.3}`) is passed on to each
/// part.
pub(crate) struct Part<'a, T>(pub &'a T, pub Option<usize>);

impl<T: fmt::Display> fmt::Display for Part<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Format once to see whether the part is compound.
        let text = match self.1 {
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

/// Writes `[a, b, c]`, each element formatted as a [`Part`].
pub(crate) fn write_list<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    xs: &[T],
    precision: Option<usize>,
) -> fmt::Result {
    f.write_str("[")?;
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}", Part(x, precision))?;
    }
    f.write_str("]")
}
