//! Every function and operator of two numbers, on every number type: both
//! partials, the whole Hessian and the derivatives along a line, against
//! finite differences.

use core::f64::consts::PI;

use autodiff::prelude::*;
use num_traits::{MulAdd, Pow};
use proptest::prelude::*;

use crate::support::{
    away_from_halves, check_bivariate, config, log_uniform, signed, Bivariate, Num, RefOps,
};

/// The functions of two numbers, `f(x, y)`.
#[derive(Clone, Copy, Debug)]
pub enum B {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    /// `&x op &y`.
    RefAdd,
    RefSub,
    RefMul,
    RefDiv,
    RefRem,
    AddAssign,
    SubAssign,
    MulAssign,
    DivAssign,
    RemAssign,
    /// `x.atan2(y)`: the angle of the point (y, x).
    Atan2,
    Hypot,
    /// `x.powf(y)` with a differentiated exponent.
    Powf,
    /// `num_traits::Pow<T>`.
    Pow,
    /// `x.log(y)`: the logarithm of x to the base y.
    Log,
    Max,
    Min,
    /// `x.clamp(y - 1, y + 1)`.
    Clamp,
    AbsSub,
    Copysign,
    /// `x.mul_add(y, 1.5)` and through `num_traits::MulAdd`.
    MulAdd,
    MulAddTrait,
    /// `[x, y, x·y].iter().sum()` and `.product()`.
    Sum,
    Product,
}

impl Bivariate for B {
    fn eval<T: Num>(self, x: T, y: T) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>,
        for<'a> &'a T: RefOps<T>,
    {
        // The by-reference forms are what is tested here.
        #[allow(clippy::op_ref)]
        match self {
            B::Add => x + y,
            B::Sub => x - y,
            B::Mul => x * y,
            B::Div => x / y,
            B::Rem => x % y,
            B::RefAdd => &x + &y,
            B::RefSub => &x - &y,
            B::RefMul => &x * &y,
            B::RefDiv => &x / &y,
            B::RefRem => &x % &y,
            B::AddAssign => {
                let mut z = x;
                z += y;
                z
            }
            B::SubAssign => {
                let mut z = x;
                z -= y;
                z
            }
            B::MulAssign => {
                let mut z = x;
                z *= y;
                z
            }
            B::DivAssign => {
                let mut z = x;
                z /= y;
                z
            }
            B::RemAssign => {
                let mut z = x;
                z %= y;
                z
            }
            B::Atan2 => x.atan2(y),
            B::Hypot => x.hypot(y),
            B::Powf => x.powf(y),
            B::Pow => Pow::pow(x, y),
            B::Log => x.log(y),
            B::Max => x.max(y),
            B::Min => x.min(y),
            B::Clamp => x.clamp(y - 1.0, y + 1.0),
            #[allow(deprecated)]
            B::AbsSub => x.abs_sub(y),
            B::Copysign => x.copysign(y),
            B::MulAdd => Float::mul_add(x, y, T::cst(1.5)),
            B::MulAddTrait => MulAdd::mul_add(x, y, T::cst(1.5)),
            B::Sum => [x, y, x * y].iter().copied().sum(),
            B::Product => [x, y, x * y].iter().copied().product(),
        }
    }
}

/// A first step for a function analytic within distance 1.
const H: f64 = 0.05;

/// The first step at a point `dist` away from a singularity or a kink.
fn h_near(dist: f64) -> f64 {
    H.min(dist / 8.0)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn add_sub_mul(x in -10.0f64..10.0, y in -10.0f64..10.0) {
        for f in [
            B::Add, B::Sub, B::Mul, B::RefAdd, B::RefSub, B::RefMul,
            B::AddAssign, B::SubAssign, B::MulAssign, B::Sum, B::Product,
        ] {
            check_bivariate(f, x, y, H, H)?;
        }
    }

    #[test]
    fn mul_add(x in log_uniform(0.1, 10.0), y in log_uniform(0.1, 10.0)) {
        // x·y + 1.5 with x·y > 0 never cancels, so f64's fused mul_add and
        // the dual numbers' x·y + 1.5 agree to rounding.
        check_bivariate(B::MulAdd, x, y, H, H)?;
        check_bivariate(B::MulAddTrait, x, y, H, H)?;
    }

    #[test]
    fn div(x in -10.0f64..10.0, y in signed(log_uniform(0.1, 10.0))) {
        for f in [B::Div, B::RefDiv, B::DivAssign] {
            check_bivariate(f, x, y, H, y.abs() / 16.0)?;
        }
    }

    #[test]
    fn rem(y in signed(log_uniform(0.5, 5.0)), (q, dist) in away_from_halves(-20..20, 0.01)) {
        // x % y jumps where x/y is an integer: x = q·y with q away from them.
        let x = q * y;
        let hx = h_near(dist * y.abs());
        let hy = h_near(dist * y.abs() / q.abs().max(1.0));
        for f in [B::Rem, B::RefRem, B::RemAssign] {
            check_bivariate(f, x, y, hx, hy)?;
        }
    }

    #[test]
    fn atan2(r in log_uniform(0.2, 10.0), theta in -PI + 0.1..PI - 0.1) {
        // The point (y, x) = r(cos θ, sin θ), at least 0.0998r from the
        // origin and from the branch cut along the negative y axis.
        let (x, y) = (r * theta.sin(), r * theta.cos());
        check_bivariate(B::Atan2, x, y, r / 100.0, r / 100.0)?;
    }

    #[test]
    fn hypot(r in log_uniform(0.1, 10.0), theta in -PI..PI) {
        let (x, y) = (r * theta.cos(), r * theta.sin());
        check_bivariate(B::Hypot, x, y, r / 16.0, r / 16.0)?;
    }

    #[test]
    fn pow_with_a_differentiated_exponent(x in log_uniform(1e-2, 1e2), y in -3.0f64..3.0) {
        check_bivariate(B::Powf, x, y, x / 16.0, H)?;
        check_bivariate(B::Pow, x, y, x / 16.0, H)?;
    }

    #[test]
    fn log_with_a_differentiated_base(
        x in log_uniform(1e-2, 1e2),
        b in log_uniform(0.05, 20.0).prop_filter("base away from 1", |b| b.ln().abs() > 0.05),
    ) {
        check_bivariate(B::Log, x, b, x / 16.0, h_near(b.min((b - 1.0).abs())))?;
    }

    #[test]
    fn max_min_abs_sub(x in -10.0f64..10.0, y in -10.0f64..10.0) {
        prop_assume!((x - y).abs() > 1e-3);
        let h = h_near((x - y).abs() / 2.0);
        for f in [B::Max, B::Min, B::AbsSub] {
            check_bivariate(f, x, y, h, h)?;
        }
    }

    #[test]
    fn clamp_between_differentiated_bounds(x in -10.0f64..10.0, y in -10.0f64..10.0) {
        let dist = ((x - y).abs() - 1.0).abs();
        prop_assume!(dist > 1e-3);
        let h = h_near(dist / 2.0);
        check_bivariate(B::Clamp, x, y, h, h)?;
    }

    #[test]
    fn copysign(x in signed(log_uniform(1e-2, 10.0)), y in signed(log_uniform(1e-2, 10.0))) {
        check_bivariate(B::Copysign, x, y, h_near(x.abs()), h_near(y.abs()))?;
    }
}
