//! Drivers for inputs whose length is known only at run time (`&[T]`),
//! evaluated in chunks.
//!
//! A gradient of n inputs is computed in ⌈n/C⌉ passes, each seeding C of the
//! inputs as the lanes of a [`DualVec<T, C>`] (as ForwardDiff.jl's `Chunk`).
//! The numbers live on the stack: the only heap allocations are the input
//! and output vectors, once per pass, never one per arithmetic operation.
//!
//! The chunk size C is a compile-time constant, because the function is
//! called with numbers of type `DualVec<T, C>`: a closure cannot be generic,
//! so it cannot be handed numbers of a size chosen at run time. The plain
//! drivers use [`CHUNK`] lanes; the `*_chunked` forms take C explicitly,
//! e.g. `gradient_slice_chunked::<_, 16>(f, &x)`.

use crate::{Dual, DualVec, Real, Var};

/// The chunk size of the runtime-length drivers: the number of partial
/// derivatives carried by each pass.
///
/// Larger chunks mean fewer passes (fewer evaluations of the value) but more
/// work per operation; 8 lanes of `f64` fill two AVX-512 or four AVX
/// registers, and measured best for the n = 1000 Rosenbrock gradient of
/// `benches/gradient.rs`.
pub const CHUNK: usize = 8;

/// The inputs of the passes: built once as constants, then re-seeded for
/// each chunk by [`seed_chunk`].
fn constants<T: Real, const C: usize>(x: &[T]) -> Vec<DualVec<T, C>> {
    x.iter().map(|&xk| DualVec::constant(xk)).collect()
}

/// Turns the inputs seeded for the chunk at `previous` back into constants
/// and seeds the C inputs from `start` as lanes `0..C`: 2C writes a pass,
/// not n.
fn seed_chunk<T: Real, const C: usize>(
    inputs: &mut [DualVec<T, C>],
    previous: Option<usize>,
    start: usize,
) {
    if let Some(p) = previous {
        for d in inputs.iter_mut().skip(p).take(C) {
            d.eps = [T::zero(); C];
        }
    }
    for (lane, d) in inputs.iter_mut().skip(start).take(C).enumerate() {
        d.eps[lane] = T::one();
    }
}

/// The starts of the chunks covering `0..n` (one empty chunk for n = 0, so
/// the function is still evaluated once).
fn chunk_starts<const C: usize>(n: usize) -> impl Iterator<Item = usize> {
    (0..n.max(1)).step_by(C.max(1))
}

/// The value and gradient of f: ℝⁿ → ℝ for a runtime length n, by
/// reverse mode ([`gradient_reverse`](crate::gradient_reverse)): one
/// recording of `f` on [`Var`]s and one sweep back, so the cost is a
/// constant multiple of one evaluation of `f` whatever n is. For a handful
/// of inputs forward mode is faster (below about 16 inputs on Rosenbrock,
/// see the README): force it with [`gradient_forward`], or pass a
/// fixed-size array to [`gradient`](crate::gradient).
///
/// ```
/// use autodiff_core::{gradient_slice, Scalar};
///
/// // f = Σ xᵢ², ∇f = 2x
/// fn sum_of_squares<T: Scalar>(x: &[T]) -> T {
///     x.iter().map(|&xi| xi * xi).sum()
/// }
/// let x: Vec<f64> = (0..20).map(f64::from).collect();
/// let (f, g) = gradient_slice(sum_of_squares, &x);
/// assert_eq!(f, 2470.0);
/// assert_eq!(g, x.iter().map(|xi| 2.0 * xi).collect::<Vec<_>>());
/// ```
pub fn gradient_slice<T: Real>(f: impl FnOnce(&[Var<T>]) -> Var<T>, x: &[T]) -> (T, Vec<T>) {
    crate::gradient_reverse(f, x)
}

/// The value and gradient of f: ℝⁿ → ℝ by forward mode, in ⌈n/8⌉ passes
/// of [`CHUNK`] lanes: [`gradient_slice`] forced to forward mode, the
/// faster choice for a few inputs.
///
/// ```
/// use autodiff_core::{gradient_forward, Scalar};
///
/// fn f<T: Scalar>(x: &[T]) -> T {
///     x[0] * x[1].exp()
/// }
/// let (value, g) = gradient_forward(f, &[2.0, 0.0]);
/// assert_eq!((value, g), (2.0, vec![1.0, 2.0]));
/// ```
pub fn gradient_forward<T: Real>(
    f: impl Fn(&[DualVec<T, CHUNK>]) -> DualVec<T, CHUNK>,
    x: &[T],
) -> (T, Vec<T>) {
    gradient_slice_chunked(f, x)
}

/// [`gradient_forward`] with an explicit chunk size `C`.
///
/// ```
/// use autodiff_core::gradient_slice_chunked;
///
/// let (_, g) = gradient_slice_chunked::<_, 3>(|x| x[0] * x[4], &[1.0, 2.0, 3.0, 4.0, 5.0]);
/// assert_eq!(g, [5.0, 0.0, 0.0, 0.0, 1.0]);
/// ```
pub fn gradient_slice_chunked<T: Real, const C: usize>(
    f: impl Fn(&[DualVec<T, C>]) -> DualVec<T, C>,
    x: &[T],
) -> (T, Vec<T>) {
    let mut value = T::nan();
    let mut grad = vec![T::zero(); x.len()];
    let mut inputs = constants::<T, C>(x);
    let mut previous = None;
    for start in chunk_starts::<C>(x.len()) {
        seed_chunk(&mut inputs, previous, start);
        previous = Some(start);
        let y = f(&inputs);
        value = y.re;
        for (g, e) in grad.iter_mut().skip(start).zip(y.eps) {
            *g = e;
        }
    }
    (value, grad)
}

/// The value and Jacobian of f: ℝⁿ → ℝᵐ for runtime lengths,
/// (f(x), J) with `J[i][j]` = ∂fᵢ/∂xⱼ, in ⌈n/8⌉ passes.
///
/// # Panics
///
/// If `f` returns outputs of different lengths in different passes.
///
/// ```
/// use autodiff_core::{jacobian_slice, softmax};
///
/// // The Jacobian of softmax is diag(s) - s sᵀ.
/// let (s, j) = jacobian_slice(softmax, &[1.0f64, 2.0, 3.0]);
/// for r in 0..3 {
///     for c in 0..3 {
///         let expected = if r == c { s[r] * (1.0 - s[r]) } else { -s[r] * s[c] };
///         assert!((j[r][c] - expected).abs() < 1e-15);
///     }
/// }
/// ```
pub fn jacobian_slice<T: Real>(
    f: impl Fn(&[DualVec<T, CHUNK>]) -> Vec<DualVec<T, CHUNK>>,
    x: &[T],
) -> (Vec<T>, Vec<Vec<T>>) {
    jacobian_slice_chunked(f, x)
}

/// [`jacobian_slice`] with an explicit chunk size `C`.
///
/// # Panics
///
/// If `f` returns outputs of different lengths in different passes.
pub fn jacobian_slice_chunked<T: Real, const C: usize>(
    f: impl Fn(&[DualVec<T, C>]) -> Vec<DualVec<T, C>>,
    x: &[T],
) -> (Vec<T>, Vec<Vec<T>>) {
    let mut values: Vec<T> = Vec::new();
    let mut jac: Vec<Vec<T>> = Vec::new();
    let mut inputs = constants::<T, C>(x);
    let mut previous = None;
    for start in chunk_starts::<C>(x.len()) {
        seed_chunk(&mut inputs, previous, start);
        previous = Some(start);
        let y = f(&inputs);
        if start == 0 {
            values = y.iter().map(|yi| yi.re).collect();
            jac = vec![vec![T::zero(); x.len()]; y.len()];
        }
        assert_eq!(
            y.len(),
            jac.len(),
            "jacobian_slice: f returned {} outputs in the first pass but {} in the pass at input {start}",
            jac.len(),
            y.len()
        );
        for (row, yi) in jac.iter_mut().zip(&y) {
            for (entry, e) in row.iter_mut().skip(start).zip(yi.eps) {
                *entry = e;
            }
        }
    }
    (values, jac)
}

/// The value, gradient and Hessian of f: ℝⁿ → ℝ for a runtime length n.
///
/// Forward over forward: each pass seeds one chunk of inputs in the outer
/// and one in the inner [`DualVec`], giving a C×C block of the Hessian; only
/// the blocks on and above the diagonal are computed (⌈n/C⌉(⌈n/C⌉+1)/2
/// passes, with C = 4) and the rest mirrored. The passes grow as n², so
/// above a handful of inputs (about 6 on Rosenbrock)
/// [`hessian_reverse`](crate::hessian_reverse), forward over reverse, is
/// faster; `.hessian` on a slice uses that.
///
/// ```
/// use autodiff_core::{hessian_slice, Scalar};
///
/// // f = Σ xᵢ³: H = diag(6x)
/// fn cubes<T: Scalar>(x: &[T]) -> T {
///     x.iter().map(|&xi| xi.powi(3)).sum()
/// }
/// let (f, g, h) = hessian_slice(cubes, &[1.0, 2.0, 3.0, 4.0, 5.0]);
/// assert_eq!(f, 225.0);
/// assert_eq!(g, [3.0, 12.0, 27.0, 48.0, 75.0]);
/// assert_eq!(h[4], [0.0, 0.0, 0.0, 0.0, 30.0]);
/// assert_eq!(h[1][1], 12.0);
/// ```
#[allow(clippy::type_complexity)]
pub fn hessian_slice<T: Real>(
    f: impl Fn(&[DualVec<DualVec<T, 4>, 4>]) -> DualVec<DualVec<T, 4>, 4>,
    x: &[T],
) -> (T, Vec<T>, Vec<Vec<T>>) {
    hessian_slice_chunked(f, x)
}

/// [`hessian_slice`] with an explicit chunk size `C`.
#[allow(clippy::type_complexity)]
pub fn hessian_slice_chunked<T: Real, const C: usize>(
    f: impl Fn(&[DualVec<DualVec<T, C>, C>]) -> DualVec<DualVec<T, C>, C>,
    x: &[T],
) -> (T, Vec<T>, Vec<Vec<T>>) {
    let n = x.len();
    let mut value = T::nan();
    let mut grad = vec![T::zero(); n];
    let mut hess = vec![vec![T::zero(); n]; n];
    for outer in chunk_starts::<C>(n) {
        for inner in chunk_starts::<C>(n).filter(|&s| s >= outer) {
            let inputs: Vec<_> = x
                .iter()
                .enumerate()
                .map(|(k, &xk)| {
                    let re = DualVec::variable(xk, k.wrapping_sub(inner));
                    let mut d = DualVec::constant(re);
                    if let Some(e) = d.eps.get_mut(k.wrapping_sub(outer)) {
                        *e = DualVec::constant(T::one());
                    }
                    d
                })
                .collect();
            let y = f(&inputs);
            value = y.re.re;
            for (g, e) in grad.iter_mut().skip(outer).zip(&y.eps) {
                *g = e.re;
            }
            for (i, e) in (outer..n).zip(&y.eps) {
                for (j, &h) in (inner..n).zip(&e.eps) {
                    hess[i][j] = h;
                    hess[j][i] = h;
                }
            }
        }
    }
    (value, grad, hess)
}

/// The value and directional derivative ∇f(x)·v of f: ℝⁿ → ℝ for a runtime
/// length n, in one pass of plain [`Dual`]s.
///
/// # Panics
///
/// If `x` and `v` differ in length; the message names both lengths.
///
/// ```
/// use autodiff_core::jvp_slice;
///
/// let (f, d) = jvp_slice(|x| x[0] * x[1], &[2.0, 3.0], &[1.0, 0.0]);
/// assert_eq!((f, d), (6.0, 3.0));
/// ```
pub fn jvp_slice<T: Real>(f: impl FnOnce(&[Dual<T>]) -> Dual<T>, x: &[T], v: &[T]) -> (T, T) {
    check_lengths("jvp_slice", x, v);
    let inputs: Vec<Dual<T>> = x.iter().zip(v).map(|(&xi, &vi)| Dual::new(xi, vi)).collect();
    let y = f(&inputs);
    (y.re, y.eps)
}

#[track_caller]
pub(crate) fn check_lengths<T>(driver: &str, x: &[T], v: &[T]) {
    assert!(
        x.len() == v.len(),
        "{driver}: x has length {} but the direction v has length {}; they must be equal",
        x.len(),
        v.len()
    );
}
