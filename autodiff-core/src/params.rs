//! Differentiating with respect to a struct of parameters: the
//! [`Differentiable`] trait (derived with `#[derive(Differentiable)]`) and
//! the drivers [`gradient_params`] and [`jvp_params`], which return the
//! gradient in the same shape as the parameters, as JAX's pytrees and
//! Swift's `Differentiable` do.

use crate::{Dual, Real, Var};

/// A struct of parameters generic over its scalar, `Net<T>`, seen as a
/// flat list of scalars: how many there are, each in a fixed order, and the
/// same struct rebuilt over another scalar type.
///
/// Derive it: `#[derive(Differentiable)]` on a struct whose fields are the
/// scalar `T`, arrays of it (nested to any depth), `Vec`s of it, or other
/// `Differentiable` structs over the same `T`; fields marked `#[constant]`
/// are carried along (cloned) but not differentiated.
///
/// ```
/// use autodiff_core::Differentiable;
///
/// // What the derive writes, by hand:
/// struct Line<T> {
///     slope: T,
///     intercept: T,
/// }
///
/// impl<T> Differentiable for Line<T> {
///     type Scalar = T;
///     type With<U> = Line<U>;
///     fn scalar_count(&self) -> usize {
///         2
///     }
///     fn visit(&self, f: &mut impl FnMut(&T)) {
///         f(&self.slope);
///         f(&self.intercept);
///     }
///     fn map<U>(&self, f: &mut impl FnMut(&T) -> U) -> Line<U> {
///         Line { slope: f(&self.slope), intercept: f(&self.intercept) }
///     }
/// }
///
/// let line = Line { slope: 2.0, intercept: 1.0 };
/// let doubled = line.map(&mut |x| 2.0 * x);
/// assert_eq!((doubled.slope, doubled.intercept), (4.0, 2.0));
/// ```
pub trait Differentiable {
    /// The scalar type the struct holds (`T` of `Net<T>`).
    type Scalar;

    /// The same struct over another scalar type (`Net<U>`).
    type With<U>;

    /// The number of scalars (the length of the flattened struct).
    fn scalar_count(&self) -> usize;

    /// Calls `f` on every scalar, in a fixed order.
    fn visit(&self, f: &mut impl FnMut(&Self::Scalar));

    /// The struct rebuilt with `f` applied to every scalar, in the order of
    /// [`visit`](Differentiable::visit); `#[constant]` fields are cloned.
    fn map<U>(&self, f: &mut impl FnMut(&Self::Scalar) -> U) -> Self::With<U>;

    /// The struct combined entry by entry with `other`, a struct of the same
    /// shape (a gradient from [`gradient_params`]): `f(w, g)` for each pair
    /// of scalars, in the order of [`visit`](Differentiable::visit). A
    /// gradient step is one line:
    ///
    /// ```
    /// use autodiff_core::{gradient_params, Differentiable, Scalar};
    /// # struct Line<T> { slope: T, intercept: T }
    /// # impl<T> Differentiable for Line<T> {
    /// #     type Scalar = T;
    /// #     type With<U> = Line<U>;
    /// #     fn scalar_count(&self) -> usize { 2 }
    /// #     fn visit(&self, f: &mut impl FnMut(&T)) { f(&self.slope); f(&self.intercept); }
    /// #     fn map<U>(&self, f: &mut impl FnMut(&T) -> U) -> Line<U> {
    /// #         Line { slope: f(&self.slope), intercept: f(&self.intercept) }
    /// #     }
    /// # }
    /// // (2a + b - 5)²: gradient (4r, 2r) with r = 2a + b - 5
    /// fn loss<T: Scalar>(p: &Line<T>) -> T {
    ///     (p.slope * 2.0 + p.intercept - 5.0).powi(2)
    /// }
    /// let p = Line { slope: 1.0, intercept: 1.0 };
    /// let (_, g) = gradient_params(|q: &_| loss(q), &p);
    /// let next = p.zip_map(&g, |w, gw| w - 0.1 * gw);
    /// assert_eq!((next.slope, next.intercept), (1.0 + 0.8, 1.0 + 0.4));
    /// ```
    ///
    /// # Panics
    ///
    /// If `other` holds a different number of scalars (a `Vec` field of
    /// another length); the message gives both counts.
    fn zip_map<U: Clone, V>(
        &self,
        other: &Self::With<U>,
        mut f: impl FnMut(&Self::Scalar, &U) -> V,
    ) -> Self::With<V>
    where
        Self::With<U>: Differentiable<Scalar = U>,
    {
        let others = other.to_vec();
        check_count("zip_map", self.scalar_count(), others.len());
        let mut others = others.iter();
        self.map(&mut |w| f(w, others.next().expect("counted")))
    }

    /// The scalars in the order of [`visit`](Differentiable::visit): the
    /// struct as a flat vector, for optimisers that work on one.
    ///
    /// ```
    /// use autodiff_core::Differentiable;
    /// # struct Line<T> { slope: T, intercept: T }
    /// # impl<T> Differentiable for Line<T> {
    /// #     type Scalar = T;
    /// #     type With<U> = Line<U>;
    /// #     fn scalar_count(&self) -> usize { 2 }
    /// #     fn visit(&self, f: &mut impl FnMut(&T)) { f(&self.slope); f(&self.intercept); }
    /// #     fn map<U>(&self, f: &mut impl FnMut(&T) -> U) -> Line<U> {
    /// #         Line { slope: f(&self.slope), intercept: f(&self.intercept) }
    /// #     }
    /// # }
    /// let p = Line { slope: 2.0, intercept: -1.0 };
    /// let flat = p.to_vec();
    /// assert_eq!(flat, vec![2.0, -1.0]);
    /// let back = p.with_values(&[flat[0] * 10.0, flat[1]]);
    /// assert_eq!((back.slope, back.intercept), (20.0, -1.0));
    /// ```
    fn to_vec(&self) -> Vec<Self::Scalar>
    where
        Self::Scalar: Clone,
    {
        let mut flat = Vec::with_capacity(self.scalar_count());
        self.visit(&mut |x| flat.push(x.clone()));
        flat
    }

    /// The struct of the same shape holding `values`, in the order of
    /// [`visit`](Differentiable::visit) (`#[constant]` fields cloned): the
    /// inverse of [`to_vec`](Differentiable::to_vec).
    ///
    /// # Panics
    ///
    /// If `values` does not hold exactly one value per scalar; the message
    /// gives both counts.
    fn with_values<U: Clone>(&self, values: &[U]) -> Self::With<U> {
        check_count("with_values", self.scalar_count(), values.len());
        let mut values = values.iter();
        self.map(&mut |_| values.next().expect("counted").clone())
    }
}

/// Panics unless a struct of `expected` scalars meets `got` values.
#[track_caller]
fn check_count(method: &str, expected: usize, got: usize) {
    assert!(
        expected == got,
        "{method}: the struct holds {expected} scalars but {got} values were given; \
         give one per scalar, in the order of `visit`"
    );
}

/// The value of f: P → ℝ and its gradient with respect to every scalar of
/// the parameter struct `p`, returned as a struct of the same shape. By
/// reverse mode ([`gradient_reverse`](crate::gradient_reverse)): one
/// recording and one sweep, so a network of thousands of weights costs a
/// small multiple of one evaluation of its loss.
///
/// ```
/// use autodiff_core::{gradient_params, Differentiable, Scalar};
///
/// struct Line<T> {
///     slope: T,
///     intercept: T,
/// }
/// # impl<T> Differentiable for Line<T> {
/// #     type Scalar = T;
/// #     type With<U> = Line<U>;
/// #     fn scalar_count(&self) -> usize { 2 }
/// #     fn visit(&self, f: &mut impl FnMut(&T)) { f(&self.slope); f(&self.intercept); }
/// #     fn map<U>(&self, f: &mut impl FnMut(&T) -> U) -> Line<U> {
/// #         Line { slope: f(&self.slope), intercept: f(&self.intercept) }
/// #     }
/// # }
///
/// // Squared error of the line at x = 2 against y = 7.
/// fn loss<T: Scalar>(p: &Line<T>) -> T {
///     (p.slope * 2.0 + p.intercept - 7.0).powi(2)
/// }
/// let (l, g) = gradient_params(loss, &Line { slope: 1.0, intercept: 1.0 });
/// assert_eq!(l, 16.0);
/// // residual r = -4: ∂/∂slope = 2r·2, ∂/∂intercept = 2r
/// assert_eq!((g.slope, g.intercept), (-16.0, -8.0));
/// ```
pub fn gradient_params<T, P>(f: impl FnOnce(&P::With<Var<T>>) -> Var<T>, p: &P) -> (T, P::With<T>)
where
    T: Real,
    P: Differentiable<Scalar = T>,
{
    let (value, grad) = crate::gradient_reverse(|vars| f(&p.with_values(vars)), &p.to_vec());
    (value, p.with_values(&grad))
}

/// The value of f: P → ℝ and its directional derivative along `v` (a
/// struct of the same shape as `p`), in one pass of [`Dual`]s.
///
/// # Panics
///
/// If `p` and `v` hold different numbers of scalars (their `Vec` fields
/// differ in length); the message names both counts.
///
/// ```
/// use autodiff_core::{jvp_params, Differentiable, Scalar};
///
/// struct Pair<T> {
///     a: T,
///     b: [T; 2],
/// }
/// # impl<T> Differentiable for Pair<T> {
/// #     type Scalar = T;
/// #     type With<U> = Pair<U>;
/// #     fn scalar_count(&self) -> usize { 3 }
/// #     fn visit(&self, f: &mut impl FnMut(&T)) { f(&self.a); self.b.iter().for_each(|x| f(x)); }
/// #     fn map<U>(&self, f: &mut impl FnMut(&T) -> U) -> Pair<U> {
/// #         Pair { a: f(&self.a), b: [f(&self.b[0]), f(&self.b[1])] }
/// #     }
/// # }
///
/// fn f<T: Scalar>(p: &Pair<T>) -> T {
///     p.a * p.b[0] + p.b[1]
/// }
/// let p = Pair { a: 2.0, b: [3.0, 4.0] };
/// let v = Pair { a: 1.0, b: [0.0, 1.0] };
/// // ∇f = (b₀, a, 1) = (3, 2, 1); along (1, 0, 1): 4
/// assert_eq!(jvp_params(f, &p, &v), (10.0, 4.0));
/// ```
pub fn jvp_params<T, P>(f: impl FnOnce(&P::With<Dual<T>>) -> Dual<T>, p: &P, v: &P) -> (T, T)
where
    T: Real,
    P: Differentiable<Scalar = T>,
{
    let (np, nv) = (p.scalar_count(), v.scalar_count());
    assert!(
        np == nv,
        "jvp_params: the parameters hold {np} scalars but the direction v holds {nv}; they must match"
    );
    let mut direction = v.to_vec().into_iter();
    let y = f(&p.map(&mut |&x| Dual::new(x, direction.next().expect("counted"))));
    (y.re, y.eps)
}
