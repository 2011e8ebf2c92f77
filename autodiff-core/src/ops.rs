//! Operator forms generated for every number type.
//!
//! Each type writes its by-value `+ - * /` and unary `-` by hand (its sum,
//! product and quotient rules), and `%` comes with the elementary functions
//! ([`impl_float!`](crate::float::impl_float)). [`impl_ops!`] adds the rest,
//! each forwarding to one real implementation:
//! - `&a op b`, `a op &b`, `&a op &b`, and `a op= b`, `a op= &b`;
//! - `f64` on the right (`x * 2.0`, `x += 1.0`), where `+ -` touch only the
//!   real part and `* /` scale every part;
//! - references to `f64` on either side (`x * &k`, `&x * k`, `&k * &x`,
//!   `x += &k`), forwarding to the by-value forms, so iterator chains over
//!   `&[f64]` data combine with iterator chains over numbers;
//! - `f64` on the left (`2.0 * x`), which the orphan rule lets us write only
//!   for a concrete primitive type. Only `f64`: with `f32` too, an unsuffixed
//!   literal (`2.0 * x`) would be ambiguous between the two and fail to
//!   compile. Over `f32`, `2.0 * x` also works (the constant is converted).

/// See the [module documentation](self).
macro_rules! impl_ops {
    ([$($g:tt)*] $ty:ty) => {
        $crate::ops::forward_binop!([$($g)*] $ty, Add, add, AddAssign, add_assign);
        $crate::ops::forward_binop!([$($g)*] $ty, Sub, sub, SubAssign, sub_assign);
        $crate::ops::forward_binop!([$($g)*] $ty, Mul, mul, MulAssign, mul_assign);
        $crate::ops::forward_binop!([$($g)*] $ty, Div, div, DivAssign, div_assign);
        $crate::ops::forward_binop!([$($g)*] $ty, Rem, rem, RemAssign, rem_assign);

        impl<$($g)*> ::core::ops::Neg for &$ty {
            type Output = $ty;
            #[inline]
            fn neg(self) -> $ty {
                -*self
            }
        }

        // --- f64 on the right ---------------------------------------------
        impl<$($g)*> ::core::ops::Add<f64> for $ty {
            type Output = Self;
            #[inline]
            fn add(self, rhs: f64) -> Self {
                use $crate::number::DualNumber;
                self.shift(T::cst(rhs))
            }
        }
        impl<$($g)*> ::core::ops::Sub<f64> for $ty {
            type Output = Self;
            #[inline]
            fn sub(self, rhs: f64) -> Self {
                use $crate::number::DualNumber;
                self.shift(T::cst(-rhs))
            }
        }
        impl<$($g)*> ::core::ops::Mul<f64> for $ty {
            type Output = Self;
            #[inline]
            fn mul(self, rhs: f64) -> Self {
                use $crate::number::DualNumber;
                let k = T::cst(rhs);
                self.map_parts(|p| p * k)
            }
        }
        impl<$($g)*> ::core::ops::Div<f64> for $ty {
            type Output = Self;
            #[inline]
            fn div(self, rhs: f64) -> Self {
                use $crate::number::DualNumber;
                let k = T::cst(rhs);
                self.map_parts(|p| p / k)
            }
        }
        impl<$($g)*> ::core::ops::Rem<f64> for $ty {
            type Output = Self;
            #[inline]
            fn rem(self, rhs: f64) -> Self {
                use $crate::number::DualNumber;
                self % Self::from_re(T::cst(rhs))
            }
        }
        $crate::ops::forward_f64_assign!([$($g)*] $ty, AddAssign, add_assign, +);
        $crate::ops::forward_f64_assign!([$($g)*] $ty, SubAssign, sub_assign, -);
        $crate::ops::forward_f64_assign!([$($g)*] $ty, MulAssign, mul_assign, *);
        $crate::ops::forward_f64_assign!([$($g)*] $ty, DivAssign, div_assign, /);
        $crate::ops::forward_f64_assign!([$($g)*] $ty, RemAssign, rem_assign, %);
        $crate::ops::forward_f64_refs!([$($g)*] $ty, Add, add, AddAssign, add_assign);
        $crate::ops::forward_f64_refs!([$($g)*] $ty, Sub, sub, SubAssign, sub_assign);
        $crate::ops::forward_f64_refs!([$($g)*] $ty, Mul, mul, MulAssign, mul_assign);
        $crate::ops::forward_f64_refs!([$($g)*] $ty, Div, div, DivAssign, div_assign);
        $crate::ops::forward_f64_refs!([$($g)*] $ty, Rem, rem, RemAssign, rem_assign);

        // --- f64 on the left ----------------------------------------------------
        $crate::ops::f64_on_left!([$($g)*] $ty);

        // --- parsing ------------------------------------------------------------
        impl<$($g)*> ::core::str::FromStr for $ty {
            type Err = <T as ::core::str::FromStr>::Err;
            /// Parses the value; the derivative parts are 0.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                use $crate::number::DualNumber;
                s.parse::<T>().map(Self::from_re)
            }
        }

        // --- assignment of f64 data -------------------------------------------
        impl<$($g)*> $crate::AssignFrom<f64> for $ty {
            /// `f64` data, lifted into a constant.
            #[inline]
            fn assign_from(&mut self, r: f64) {
                use $crate::number::DualNumber;
                *self = Self::from_re(T::cst(r));
            }
        }

        // --- folds -------------------------------------------------------------
        impl<$($g)*> ::core::iter::Sum for $ty {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(<Self as ::num_traits::Zero>::zero(), |a, b| a + b)
            }
        }
        impl<'a, $($g)*> ::core::iter::Sum<&'a $ty> for $ty {
            fn sum<I: Iterator<Item = &'a $ty>>(iter: I) -> Self {
                iter.fold(<Self as ::num_traits::Zero>::zero(), |a, b| a + *b)
            }
        }
        impl<$($g)*> ::core::iter::Sum<f64> for $ty {
            /// A sum of `f64` data: a constant.
            fn sum<I: Iterator<Item = f64>>(iter: I) -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::cst(iter.sum()))
            }
        }
        impl<'a, $($g)*> ::core::iter::Sum<&'a f64> for $ty {
            /// A sum of `f64` data: a constant.
            fn sum<I: Iterator<Item = &'a f64>>(iter: I) -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::cst(iter.sum()))
            }
        }
        impl<$($g)*> ::core::iter::Product<f64> for $ty {
            /// A product of `f64` data: a constant.
            fn product<I: Iterator<Item = f64>>(iter: I) -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::cst(iter.product()))
            }
        }
        impl<'a, $($g)*> ::core::iter::Product<&'a f64> for $ty {
            /// A product of `f64` data: a constant.
            fn product<I: Iterator<Item = &'a f64>>(iter: I) -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::cst(iter.product()))
            }
        }
        impl<$($g)*> ::core::iter::Product for $ty {
            fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(<Self as ::num_traits::One>::one(), |a, b| a * b)
            }
        }
        impl<'a, $($g)*> ::core::iter::Product<&'a $ty> for $ty {
            fn product<I: Iterator<Item = &'a $ty>>(iter: I) -> Self {
                iter.fold(<Self as ::num_traits::One>::one(), |a, b| a * *b)
            }
        }
    };
}
pub(crate) use impl_ops;

/// The by-reference and compound-assignment forms of one binary operator,
/// all forwarding to the by-value `$ty op $ty` (always inlined: left to
/// itself the compiler kept `acc += term` of a `Var` out of line, a call
/// per term).
macro_rules! forward_binop {
    ([$($g:tt)*] $ty:ty, $Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident) => {
        impl<'a, $($g)*> ::core::ops::$Op<&'a $ty> for $ty {
            type Output = $ty;
            #[inline(always)]
            fn $op(self, rhs: &'a $ty) -> $ty {
                ::core::ops::$Op::$op(self, *rhs)
            }
        }
        impl<'a, $($g)*> ::core::ops::$Op<$ty> for &'a $ty {
            type Output = $ty;
            #[inline(always)]
            fn $op(self, rhs: $ty) -> $ty {
                ::core::ops::$Op::$op(*self, rhs)
            }
        }
        impl<'a, 'b, $($g)*> ::core::ops::$Op<&'b $ty> for &'a $ty {
            type Output = $ty;
            #[inline(always)]
            fn $op(self, rhs: &'b $ty) -> $ty {
                ::core::ops::$Op::$op(*self, *rhs)
            }
        }
        impl<$($g)*> ::core::ops::$OpAssign for $ty {
            #[inline(always)]
            fn $op_assign(&mut self, rhs: $ty) {
                *self = ::core::ops::$Op::$op(*self, rhs);
            }
        }
        impl<'a, $($g)*> ::core::ops::$OpAssign<&'a $ty> for $ty {
            #[inline(always)]
            fn $op_assign(&mut self, rhs: &'a $ty) {
                *self = ::core::ops::$Op::$op(*self, *rhs);
            }
        }
    };
}
pub(crate) use forward_binop;

/// `x op= c` for an `f64` constant c, forwarding to `x op c`.
macro_rules! forward_f64_assign {
    ([$($g:tt)*] $ty:ty, $OpAssign:ident, $op_assign:ident, $op:tt) => {
        impl<$($g)*> ::core::ops::$OpAssign<f64> for $ty {
            #[inline]
            fn $op_assign(&mut self, rhs: f64) {
                *self = *self $op rhs;
            }
        }
    };
}
pub(crate) use forward_f64_assign;

/// Every form of one operator with a reference to `f64` or to the number
/// on either side (`x op &c`, `&x op c`, `&x op &c`, `c op &x`, `&c op x`,
/// `&c op &x`, `x op= &c`), forwarding to the by-value `x op c` or `c op x`.
macro_rules! forward_f64_refs {
    ([$($g:tt)*] $ty:ty, $Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident) => {
        impl<'a, $($g)*> ::core::ops::$Op<&'a f64> for $ty {
            type Output = $ty;
            #[inline]
            fn $op(self, rhs: &'a f64) -> $ty {
                ::core::ops::$Op::$op(self, *rhs)
            }
        }
        impl<'a, $($g)*> ::core::ops::$Op<f64> for &'a $ty {
            type Output = $ty;
            #[inline]
            fn $op(self, rhs: f64) -> $ty {
                ::core::ops::$Op::$op(*self, rhs)
            }
        }
        impl<'a, 'b, $($g)*> ::core::ops::$Op<&'b f64> for &'a $ty {
            type Output = $ty;
            #[inline]
            fn $op(self, rhs: &'b f64) -> $ty {
                ::core::ops::$Op::$op(*self, *rhs)
            }
        }
        impl<'a, $($g)*> ::core::ops::$Op<&'a $ty> for f64 {
            type Output = $ty;
            #[inline]
            fn $op(self, rhs: &'a $ty) -> $ty {
                ::core::ops::$Op::$op(self, *rhs)
            }
        }
        impl<'a, $($g)*> ::core::ops::$Op<$ty> for &'a f64 {
            type Output = $ty;
            #[inline]
            fn $op(self, rhs: $ty) -> $ty {
                ::core::ops::$Op::$op(*self, rhs)
            }
        }
        impl<'a, 'b, $($g)*> ::core::ops::$Op<&'b $ty> for &'a f64 {
            type Output = $ty;
            #[inline]
            fn $op(self, rhs: &'b $ty) -> $ty {
                ::core::ops::$Op::$op(*self, *rhs)
            }
        }
        impl<'a, $($g)*> ::core::ops::$OpAssign<&'a f64> for $ty {
            #[inline]
            fn $op_assign(&mut self, rhs: &'a f64) {
                *self = ::core::ops::$Op::$op(*self, *rhs);
            }
        }
    };
}
pub(crate) use forward_f64_refs;

/// `c op x` for an `f64` constant c on the left.
macro_rules! f64_on_left {
    ([$($g:tt)*] $ty:ty) => {
        impl<$($g)*> ::core::ops::Add<$ty> for f64 {
            type Output = $ty;
            #[inline]
            fn add(self, rhs: $ty) -> $ty {
                use $crate::number::DualNumber;
                rhs.shift(T::cst(self))
            }
        }
        impl<$($g)*> ::core::ops::Sub<$ty> for f64 {
            type Output = $ty;
            #[inline]
            fn sub(self, rhs: $ty) -> $ty {
                use $crate::number::DualNumber;
                (-rhs).shift(T::cst(self))
            }
        }
        impl<$($g)*> ::core::ops::Mul<$ty> for f64 {
            type Output = $ty;
            #[inline]
            fn mul(self, rhs: $ty) -> $ty {
                use $crate::number::DualNumber;
                let k = T::cst(self);
                rhs.map_parts(|p| p * k)
            }
        }
        impl<$($g)*> ::core::ops::Div<$ty> for f64 {
            type Output = $ty;
            #[inline]
            fn div(self, rhs: $ty) -> $ty {
                use $crate::number::DualNumber;
                <$ty>::from_re(T::cst(self)) / rhs
            }
        }
        impl<$($g)*> ::core::ops::Rem<$ty> for f64 {
            type Output = $ty;
            #[inline]
            fn rem(self, rhs: $ty) -> $ty {
                use $crate::number::DualNumber;
                <$ty>::from_re(T::cst(self)) % rhs
            }
        }
    };
}
pub(crate) use f64_on_left;
