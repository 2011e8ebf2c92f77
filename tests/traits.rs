//! Operators in every form and the num-traits / approx / std traits, for
//! every number type.

use approx::{assert_abs_diff_eq, assert_relative_eq, assert_ulps_eq};
use autodiff::prelude::*;
use num_traits::{
    Bounded, FromPrimitive, Inv, MulAdd, Num, NumCast, One, Pow, Signed, ToPrimitive, Zero,
};

/// `a op b`, `a op &b`, `&a op b`, `&a op &b`, `a op= b` and `a op= &b`
/// all agree with the expected value (every part compared).
macro_rules! test_op {
    ($a:expr, $op:tt, $op_assign:tt, $b:expr, $expected:expr) => {{
        let (a, b, expected) = ($a, $b, $expected);
        assert_relative_eq!(a $op b, expected, max_relative = Real::cst(1e-15));
        assert_relative_eq!(a $op &b, expected, max_relative = Real::cst(1e-15));
        assert_relative_eq!(&a $op b, expected, max_relative = Real::cst(1e-15));
        assert_relative_eq!(&a $op &b, expected, max_relative = Real::cst(1e-15));
        let mut c = a;
        c $op_assign b;
        assert_relative_eq!(c, expected, max_relative = Real::cst(1e-15));
        let mut c = a;
        c $op_assign &b;
        assert_relative_eq!(c, expected, max_relative = Real::cst(1e-15));
    }};
}

#[test]
fn dual_arithmetic_in_every_form() {
    // a = 3 + 2ε, b = 4 - 1ε
    let a = Dual64::new(3.0, 2.0);
    let b = Dual64::new(4.0, -1.0);
    test_op!(a, +, +=, b, Dual64::new(7.0, 1.0));
    test_op!(a, -, -=, b, Dual64::new(-1.0, 3.0));
    // (ab)' = a'b + ab' = 8 - 3
    test_op!(a, *, *=, b, Dual64::new(12.0, 5.0));
    // (a/b)' = (a'b - ab')/b² = (8 + 3)/16
    test_op!(a, /, /=, b, Dual64::new(0.75, 11.0 / 16.0));
    // 3 % 4 = 3; ∂/∂a = 1, ∂/∂b = -trunc(3/4) = 0
    test_op!(a, %, %=, b, Dual64::new(3.0, 2.0));
    assert_relative_eq!(-a, Dual64::new(-3.0, -2.0));
    assert_relative_eq!(-&a, Dual64::new(-3.0, -2.0));
}

#[test]
fn dual2_arithmetic_in_every_form() {
    // a = x², b = x³ at x = 2: (4, 4, 2) and (8, 12, 12)
    let a = Dual2_64::new(4.0, 4.0, 2.0);
    let b = Dual2_64::new(8.0, 12.0, 12.0);
    test_op!(a, +, +=, b, Dual2_64::new(12.0, 16.0, 14.0));
    test_op!(a, -, -=, b, Dual2_64::new(-4.0, -8.0, -10.0));
    // x⁵: 32, 5x⁴ = 80, 20x³ = 160
    test_op!(a, *, *=, b, Dual2_64::new(32.0, 80.0, 160.0));
    // x⁻¹: 0.5, -1/x² = -0.25, 2/x³ = 0.25
    test_op!(a, /, /=, b, Dual2_64::new(0.5, -0.25, 0.25));
}

#[test]
fn hyperdual_arithmetic_in_every_form() {
    // a = x, b = y at (2, 3), seeded ε₁ and ε₂
    let a = HyperDual64::new(2.0, 1.0, 0.0, 0.0);
    let b = HyperDual64::new(3.0, 0.0, 1.0, 0.0);
    test_op!(a, +, +=, b, HyperDual64::new(5.0, 1.0, 1.0, 0.0));
    test_op!(a, -, -=, b, HyperDual64::new(-1.0, 1.0, -1.0, 0.0));
    // xy: ∂x = y, ∂y = x, ∂x∂y = 1
    test_op!(a, *, *=, b, HyperDual64::new(6.0, 3.0, 2.0, 1.0));
    // x/y: ∂x = 1/y, ∂y = -x/y², ∂x∂y = -1/y²
    test_op!(a, /, /=, b, HyperDual64::new(2.0 / 3.0, 1.0 / 3.0, -2.0 / 9.0, -1.0 / 9.0));
}

#[test]
fn primitive_floats_on_either_side() {
    let x = Dual64::new(2.0, 1.0);
    assert_relative_eq!(x + 1.0, Dual64::new(3.0, 1.0));
    assert_relative_eq!(1.0 + x, Dual64::new(3.0, 1.0));
    assert_relative_eq!(x - 1.0, Dual64::new(1.0, 1.0));
    assert_relative_eq!(1.0 - x, Dual64::new(-1.0, -1.0));
    assert_relative_eq!(x * 3.0, Dual64::new(6.0, 3.0));
    assert_relative_eq!(3.0 * x, Dual64::new(6.0, 3.0));
    assert_relative_eq!(x / 4.0, Dual64::new(0.5, 0.25));
    // d/dx 4/x = -4/x²
    assert_relative_eq!(4.0 / x, Dual64::new(2.0, -1.0));
    assert_relative_eq!(x % 1.5, Dual64::new(0.5, 1.0));
    // d/dx (5 % x) = -trunc(5/x) = -2
    assert_relative_eq!(5.0 % x, Dual64::new(1.0, -2.0));
    // An unsuffixed literal on the left is an f64, whatever the inner type.
    assert_relative_eq!(3.0 * x, Dual64::new(6.0, 3.0));
    assert_eq!((3.0 * Dual32::variable(2.0)).eps, 3.0f32);
    let mut y = x;
    y += 1.0;
    y *= 2.0;
    y -= 1.0;
    y /= 5.0;
    y %= 0.5;
    assert_relative_eq!(y, Dual64::new(0.0, 0.4), epsilon = Real::cst(1e-15));
    let z = Dual2_64::new(2.0, 1.0, 0.0);
    assert_relative_eq!(2.0 * z * z, Dual2_64::new(8.0, 8.0, 4.0));
    let h = HyperDual64::variable(2.0);
    assert_relative_eq!(1.0 / h, HyperDual64::new(0.5, -0.25, -0.25, 0.25));
}

/// `is_zero` and `is_one` look at the value, as comparisons do, so generic
/// code (nalgebra's Schur iteration) branches as with `f64`: a seeded 0 is
/// zero. `==` agrees.
#[test]
fn zero_and_one_look_at_the_value() {
    assert!(Dual64::zero().is_zero());
    assert!(Dual64::new(0.0, 1.0).is_zero() && Dual64::new(0.0, 1.0) == 0.0);
    assert!(!Dual64::new(1e-300, 0.0).is_zero());
    assert!(Dual64::one().is_one());
    assert!(Dual64::new(1.0, 1.0).is_one());
    assert!(!Dual64::new(1.0 + f64::EPSILON, 0.0).is_one());
    assert!(Dual::new(Dual64::new(0.0, 1.0), Dual64::cst(1.0)).is_zero());
    assert!(!Dual::new(Dual64::new(2.0, 0.0), Dual64::zero()).is_zero());
    assert!(
        Dual2_64::new(0.0, 1.0, 2.0).is_zero() && HyperDual64::new(1.0, 1.0, 0.0, 0.0).is_one()
    );
    assert!(
        !DualVec64::<2>::new(0.5, [0.0; 2]).is_zero()
            && Dual2Vec64::<2>::variable(0.0, 1).is_zero()
    );
}

#[test]
fn from_str_radix_parses_the_real_part() {
    assert_eq!(Dual64::from_str_radix("2.5", 10).unwrap().re, 2.5);
    assert_eq!(Dual64::from_str_radix("ff", 16).unwrap(), Dual64::constant(255.0));
    assert!(Dual64::from_str_radix("zz", 10).is_err());
    assert_eq!(HyperDual64::from_str_radix("-8", 10).unwrap().re, -8.0);
}

#[test]
fn casts_and_conversions_use_the_real_part() {
    let x = Dual64::new(2.75, 9.0);
    assert_eq!(x.to_i64(), Some(2));
    assert_eq!(x.to_f64(), Some(2.75));
    assert_eq!(<Dual64 as NumCast>::from(3u8), Some(Dual64::constant(3.0)));
    assert_eq!(Dual64::from_f64(1.5), Some(Dual64::constant(1.5)));
    assert_eq!(Dual64::from_i64(-2).unwrap().eps, 0.0);
    assert_eq!(<Dual64 as From<f64>>::from(2.0), Dual64::constant(2.0));
    assert_eq!(<Dual64 as Bounded>::max_value().re, f64::MAX);
    assert_eq!(Dual2_64::cst(2.0).v1, 0.0);
}

#[test]
fn signed_inv_pow_and_mul_add() {
    let x = Dual64::new(-2.0, 1.0);
    assert_relative_eq!(Signed::abs(&x), Dual64::new(2.0, -1.0));
    assert!(x.is_negative() && !x.is_positive());
    assert_relative_eq!(Signed::signum(&x), Dual64::constant(-1.0));
    assert_relative_eq!(x.inv(), Dual64::new(-0.5, -0.25));
    assert_relative_eq!(x.pow(3), Dual64::new(-8.0, 12.0));
    let y = Dual64::variable(4.0);
    assert_relative_eq!(y.pow(0.5), Dual64::new(2.0, 0.25));
    // d/dx x^x = x^x (ln x + 1)
    let xx = y.pow(y);
    assert_relative_eq!(
        xx,
        Dual64::new(256.0, 256.0 * (4f64.ln() + 1.0)),
        max_relative = Real::cst(1e-15)
    );
    assert_relative_eq!(MulAdd::mul_add(y, y, x), Dual64::new(14.0, 9.0));
}

#[test]
fn sum_and_product_of_owned_and_borrowed() {
    let xs = [Dual64::new(1.0, 1.0), Dual64::new(2.0, 0.0), Dual64::new(3.0, 2.0)];
    assert_relative_eq!(xs.iter().sum::<Dual64>(), Dual64::new(6.0, 3.0));
    assert_relative_eq!(xs.into_iter().sum::<Dual64>(), Dual64::new(6.0, 3.0));
    // (x₁x₂x₃)' = 1·2·3 + 1·2·2 = 6 + 4
    assert_relative_eq!(xs.iter().product::<Dual64>(), Dual64::new(6.0, 10.0));
    assert_relative_eq!(xs.into_iter().product::<Dual64>(), Dual64::new(6.0, 10.0));
}

#[test]
fn float_consts_and_constants_are_constants() {
    assert_eq!(Dual64::PI(), Dual64::constant(std::f64::consts::PI));
    assert_eq!(Dual64::PI().eps, 0.0);
    assert_eq!(Dual2_64::E().re, std::f64::consts::E);
    assert!(Dual64::nan().is_nan());
    assert!(Dual64::infinity().is_infinite());
    assert_eq!(Dual64::epsilon().re, f64::EPSILON);
    assert!(Dual64::neg_zero().is_sign_negative());
    assert_eq!(Dual64::new(1.0, 5.0).integer_decode(), 1.0f64.integer_decode());
}

#[test]
fn approx_compares_every_part() {
    let a = Dual64::new(1.0, 2.0);
    assert_abs_diff_eq!(a, Dual64::new(1.0, 2.0 + 1e-17));
    assert_ulps_eq!(a, Dual64::new(1.0, 2.0));
    assert!(!approx::relative_eq!(a, Dual64::new(1.0, 2.1)));
    // `==` looks at the real part only, approx at all of them.
    assert_eq!(a, Dual64::new(1.0, 2.1));
    let h = HyperDual64::new(1.0, 2.0, 3.0, 4.0);
    assert!(!approx::abs_diff_eq!(h, HyperDual64::new(1.0, 2.0, 3.0, 4.5)));
}

#[test]
fn display_shows_the_parts() {
    assert_eq!(Dual64::new(1.5, 2.0).to_string(), "1.5 + 2ε");
    assert_eq!(format!("{:.2}", Dual64::new(1.0, 1.0 / 3.0)), "1.00 + 0.33ε");
    assert_eq!(Dual2_64::new(1.0, 2.0, 3.0).to_string(), "1 + 2ε + 3ε²/2");
    assert_eq!(HyperDual64::new(1.0, 2.0, 3.0, 4.0).to_string(), "1 + 2ε₁ + 3ε₂ + 4ε₁ε₂");
    let nested = Dual::new(Dual64::new(1.0, 1.0), Dual64::new(1.0, 0.0));
    assert_eq!(nested.to_string(), "(1 + 1ε) + (1 + 0ε)ε");
}

#[test]
fn f32_number_types_work() {
    let x = Dual32::variable(2.0);
    let y = x * x + Dual32::cst(1.0);
    assert_eq!((y.re, y.eps), (5.0f32, 4.0f32));
    assert_eq!(derivative(|x: Dual32| x.sin(), 0.0f32), 1.0f32);
    assert_eq!(second_derivative(|x: Dual2_32| x.powi(3), 1.0f32), (1.0, 3.0, 6.0));
    assert_eq!(HyperDual32::variable(1.0).exp().eps1eps2, std::f32::consts::E);
}

#[test]
fn number_types_are_copy_send_sync_default() {
    fn assert_traits<T: Copy + Send + Sync + Default + std::fmt::Debug + 'static>() {}
    assert_traits::<Dual64>();
    assert_traits::<Dual2_64>();
    assert_traits::<HyperDual64>();
    assert_traits::<Dual<Dual2<f32>>>();
    assert_eq!(Dual64::default(), Dual64::new(0.0, 0.0));
}
